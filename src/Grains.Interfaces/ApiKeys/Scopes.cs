namespace Layers.ApiKeys;

public static class Scopes
{
    public const string All = "*";
    public const string SocialRead = "social:read";
    public const string SocialWrite = "social:write";
    public const string LeasedWrite = "leased:write";
    public const string ProjectsRead = "projects:read";
    public const string ProjectsWrite = "projects:write";
    public const string ContentRead = "content:read";
    public const string ContentWrite = "content:write";
    public const string PublishRead = "publish:read";
    public const string PublishWrite = "publish:write";
    public const string WebhooksWrite = "webhooks:write";

    public static readonly IReadOnlyList<string> Known =
    [
        All, SocialRead, SocialWrite, LeasedWrite, ProjectsRead, ProjectsWrite, ContentRead, ContentWrite,
        PublishRead, PublishWrite, WebhooksWrite,
    ];

    public static bool Grants(IReadOnlyCollection<string> granted, string required) =>
        granted.Contains(All) || granted.Contains(required);

    /// <summary>True when the key holds any read scope (for endpoints open to every reader).</summary>
    public static bool GrantsAnyRead(IReadOnlyCollection<string> granted) =>
        granted.Contains(All) || granted.Any(s => s.EndsWith(":read", StringComparison.Ordinal));
}
