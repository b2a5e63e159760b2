namespace Layers.Publishing;

/// <summary>Why a post failed or waits.</summary>
/// <param name="Code">
/// `CREDENTIAL_INVALID` (the account must be reconnected), `PLATFORM_ERROR` (see `platformCode`), `MEDIA_REJECTED`,
/// `OPTIONS_NOT_ALLOWED` (the creator no longer allows the post's options), `ACCOUNT_DISCONNECTED`,
/// `PUBLISH_OUTCOME_UNKNOWN` (the platform may have taken it; never retried silently) or `RATE_LIMITED_BY_PLATFORM`
/// (retried later).
/// </param>
/// <param name="Message">A human-readable explanation; wording may change.</param>
/// <param name="PlatformCode">The platform's own error code; null when the platform gave none.</param>
[GenerateSerializer, Immutable]
public sealed record PostError([property: Id(0)] string Code, [property: Id(1)] string Message, [property: Id(2)] string? PlatformCode);
