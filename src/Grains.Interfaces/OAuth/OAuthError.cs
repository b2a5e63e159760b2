namespace Layers.OAuth;

/// <summary>Why a consent attempt did not complete.</summary>
/// <param name="Code">
/// `access_denied`, `state_expired`, `state_already_used`, `token_exchange_failed`, `scope_missing`, `account_mismatch`
/// (a reconnect by a different platform user), `not_business_account` (an Instagram personal account) or
/// `platform_error`.
/// </param>
/// <param name="Message">A human-readable explanation; wording may change.</param>
[GenerateSerializer, Immutable]
public sealed record OAuthError([property: Id(0)] string Code, [property: Id(1)] string Message);
