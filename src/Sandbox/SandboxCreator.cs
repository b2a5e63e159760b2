namespace Layers.Sandbox;

/// <summary>
/// How a test has shaped a simulated creator (<c>POST /sandbox/{platform}/control/users/{handle}</c>): what TikTok's
/// creator info answers for them, whether they may post, how long moderation holds back their public post ids, and
/// which scopes they untick at consent. Kept per platform; Instagram uses only <see cref="DeclineScopes"/> and keeps the
/// rest as given. A creator nobody shaped has <see cref="Default"/>.
/// </summary>
/// <param name="ModerationReads">
/// TikTok status reads after <c>PUBLISH_COMPLETE</c> before the public post id appears (0: at completion).
/// </param>
public sealed record SandboxCreator(
    string Handle,
    IReadOnlyList<string> PrivacyLevelOptions,
    bool CommentDisabled,
    bool DuetDisabled,
    bool StitchDisabled,
    bool CanPost,
    int MaxVideoPostDurationSec,
    IReadOnlyList<string> DeclineScopes,
    int ModerationReads)
{
    /// <summary>TikTok's privacy levels, in the order its creator info lists them.</summary>
    public static IReadOnlyList<string> PrivacyLevels { get; } =
        ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"];

    /// <summary>Every privacy level, nothing switched off, may post, ten-minute videos, one read of moderation.</summary>
    public static SandboxCreator Default(string handle) =>
        new(handle, PrivacyLevels, CommentDisabled: false, DuetDisabled: false, StitchDisabled: false, CanPost: true,
            MaxVideoPostDurationSec: 600, DeclineScopes: [], ModerationReads: 1);

    /// <summary>This creator with the fields that <paramref name="change"/> gives (already checked) replaced.</summary>
    public SandboxCreator With(SandboxCreatorChange change) => this with
    {
        PrivacyLevelOptions = change.PrivacyLevelOptions is { } levels ? [.. levels.Distinct(StringComparer.Ordinal)] : PrivacyLevelOptions,
        CommentDisabled = change.CommentDisabled ?? CommentDisabled,
        DuetDisabled = change.DuetDisabled ?? DuetDisabled,
        StitchDisabled = change.StitchDisabled ?? StitchDisabled,
        CanPost = change.CanPost ?? CanPost,
        MaxVideoPostDurationSec = change.MaxVideoPostDurationSec ?? MaxVideoPostDurationSec,
        DeclineScopes = change.DeclineScopes is { } scopes ? [.. scopes.Distinct(StringComparer.Ordinal)] : DeclineScopes,
        ModerationReads = change.ModerationReads ?? ModerationReads,
    };
}
