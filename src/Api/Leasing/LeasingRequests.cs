namespace Layers.Api.Leasing;

/// <summary>What the accounts are about: `vertical` (required), `audience`, `language` and `geo`.</summary>
/// <param name="Vertical">The subject area, e.g. `coffee`. Required.</param>
/// <param name="Audience">Who the account speaks to, e.g. `home baristas`; null for any.</param>
/// <param name="Language">A BCP-47 language tag, e.g. `en-US`; null for any.</param>
/// <param name="Geo">ISO 3166-1 alpha-2 country codes, e.g. `["US", "CA"]`; empty or null for any.</param>
public sealed record LeaseNicheBody(string? Vertical, string? Audience, string? Language, List<string?>? Geo);

/// <summary>A request for leased TikTok accounts.</summary>
/// <param name="ProjectId">The project, equal to the path's (else `422` with issue path `projectId`). Required.</param>
/// <param name="Count">How many accounts, 1–50. Required.</param>
/// <param name="Niche">
/// What the accounts are about: `vertical` (required), `audience`, `language` and `geo`. Required.
/// </param>
/// <param name="Target">
/// What the partner aims for with the accounts, free text of at most 500 characters; null for none.
/// </param>
/// <param name="Note">A note for Layers' reviewers, at most 2,000 characters; null for none.</param>
/// <param name="RequestId">
/// The partner's own id for the request (`lreq_` and a ULID), to make a retry safe: the same id with the same body
/// replays, with a different body it is `409 IDEMPOTENCY_CONFLICT`. Default: a new id.
/// </param>
public sealed record LeaseRequestBody(string? ProjectId, int? Count, LeaseNicheBody? Niche, string? Target, string? Note, string? RequestId);

/// <summary>Why a leased account is released; the body may be left out.</summary>
/// <param name="Reason">A note kept with the release; optional.</param>
public sealed record ReleaseLeaseBody(string? Reason);

/// <summary>A pool account's TikTok tokens. Stored encrypted and never returned.</summary>
/// <param name="AccessToken">The access token. Required.</param>
/// <param name="RefreshToken">The refresh token. Required.</param>
/// <param name="ExpiresIn">Seconds until the access token expires, counted from now.</param>
/// <param name="RefreshExpiresIn">Seconds until the refresh token expires, counted from now.</param>
/// <param name="Scopes">The scopes the tokens grant, e.g. `video.publish`.</param>
public sealed record PoolCredentialsBody(string? AccessToken, string? RefreshToken, long? ExpiresIn, long? RefreshExpiresIn, List<string?>? Scopes);

/// <summary>A warmed TikTok account for the pool.</summary>
/// <param name="Platform">Always `tiktok`: leasing covers TikTok only. Required.</param>
/// <param name="Handle">The account's handle on TikTok. Required.</param>
/// <param name="DisplayName">The profile's display name; optional.</param>
/// <param name="PlatformUserId">The platform's own stable id of the account's user. Required.</param>
/// <param name="Niche">
/// What the accounts are about: `vertical` (required), `audience`, `language` and `geo`. Required.
/// </param>
/// <param name="Credentials">The account's tokens: stored encrypted, never returned. Required.</param>
public sealed record AddPoolAccountBody(
    string? Platform, string? Handle, string? DisplayName, string? PlatformUserId, LeaseNicheBody? Niche, PoolCredentialsBody? Credentials);

/// <summary>One pool account to assign.</summary>
/// <param name="PoolAccountId">The pool account (`pool_…`); it must be `available`. Required.</param>
/// <param name="MonthlyPriceCents">The monthly price in US cents (15000 is $150.00). Default 15000.</param>
public sealed record LeasePickBody(string? PoolAccountId, long? MonthlyPriceCents);

/// <summary>The pool accounts to assign to a lease request.</summary>
/// <param name="Accounts">
/// At least one and at most as many as requested; fewer than requested makes the request `partial`. Required.
/// </param>
public sealed record AssignLeaseBody(List<LeasePickBody?>? Accounts);

/// <summary>Why a lease request is rejected.</summary>
/// <param name="Reason">Shown to the partner as `rejectionReason`. Required.</param>
public sealed record RejectLeaseBody(string? Reason);
