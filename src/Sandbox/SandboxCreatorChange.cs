namespace Layers.Sandbox;

/// <summary>
/// Body of <c>POST /sandbox/{platform}/control/users/{handle}</c>: the creator settings to change; a field left out
/// keeps its current value, so tests can flip one thing (e.g. <c>canPost</c>) between two calls.
/// </summary>
public sealed record SandboxCreatorChange(
    IReadOnlyList<string>? PrivacyLevelOptions,
    bool? CommentDisabled,
    bool? DuetDisabled,
    bool? StitchDisabled,
    bool? CanPost,
    int? MaxVideoPostDurationSec,
    IReadOnlyList<string>? DeclineScopes,
    int? ModerationReads)
{
    /// <summary>TikTok's longest video limit is an hour; the sandbox takes nothing longer.</summary>
    public const int MaxDurationSec = 3600;

    /// <summary>More than this many reads would only make tests slow.</summary>
    public const int MaxModerationReads = 100;

    /// <summary>Why the change cannot be applied, or null when it can.</summary>
    public string? Problem()
    {
        if (PrivacyLevelOptions is { } levels)
        {
            if (levels.Count == 0)
            {
                return "privacyLevelOptions must name at least one privacy level.";
            }

            if (levels.Any(l => l is null || !SandboxCreator.PrivacyLevels.Contains(l)))
            {
                return $"privacyLevelOptions may only hold {string.Join(", ", SandboxCreator.PrivacyLevels)}.";
            }
        }

        if (MaxVideoPostDurationSec is < 1 or > MaxDurationSec)
        {
            return $"maxVideoPostDurationSec must be from 1 to {MaxDurationSec}.";
        }

        if (DeclineScopes?.Any(string.IsNullOrWhiteSpace) == true)
        {
            return "declineScopes must hold scope names.";
        }

        return ModerationReads is < 0 or > MaxModerationReads ? $"moderationReads must be from 0 to {MaxModerationReads}." : null;
    }
}
