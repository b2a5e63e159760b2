namespace Layers.Platforms;

/// <summary>Optional features whose scopes a user may decline without losing publishing.</summary>
public static class PlatformFeatures
{
    /// <summary>Reading a published post's counters.</summary>
    public const string Metrics = "metrics";

    /// <summary>Posting the content's first comment under a published post.</summary>
    public const string Comments = "comments";
}
