namespace Layers.Publishing;

/// <summary>Where a content container's media check stands.</summary>
public static class ContentStatus
{
    /// <summary>Created; its media are being read.</summary>
    public const string Validating = "validating";

    /// <summary>Every asset was read and at least one platform takes each.</summary>
    public const string Completed = "completed";

    /// <summary>Some asset cannot be published anywhere; <c>assetProblems</c> says why.</summary>
    public const string Failed = "failed";
}
