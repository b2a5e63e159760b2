using System.ComponentModel.DataAnnotations;
using Layers.Api.OpenApi;
using Layers.Common;

namespace Layers.Api.Leasing;

/// <summary>What the accounts are about: `vertical` (required), `audience`, `language` and `geo`.</summary>
/// <param name="Vertical">The subject area, e.g. `coffee`. Required.</param>
/// <param name="Audience">Who the account speaks to, e.g. `home baristas`; null for any.</param>
/// <param name="Language">A BCP-47 language tag, e.g. `en-US`; null for any.</param>
/// <param name="Geo">ISO 3166-1 alpha-2 country codes, e.g. `["US", "CA"]`; empty or null for any.</param>
public sealed record LeaseNicheBody(
    [property: Required, StringLength(100, MinimumLength = 1)] string? Vertical,
    [property: StringLength(500)] string? Audience,
    [property: StringLength(35)] string? Language,
    List<string?>? Geo);

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
[RequestExample("""{"projectId": "0f8fad5b-d9cb-469f-a165-70867728950e", "count": 3, "niche": {"vertical": "coffee", "audience": "home baristas", "language": "en-US", "geo": ["US", "CA"]}, "target": "10k views a week"}""")]
public sealed record LeaseRequestBody(
    [property: Required, RegularExpression(WirePatterns.Uuid)] string? ProjectId,
    [property: Required, Range(1, 50)] int? Count,
    [property: Required] LeaseNicheBody? Niche,
    [property: StringLength(500)] string? Target,
    [property: StringLength(2000)] string? Note,
    string? RequestId);

/// <summary>Why a leased account is released; the body may be left out.</summary>
/// <param name="Reason">A note kept with the release; optional.</param>
[RequestExample("""{"reason": "campaign ended"}""")]
public sealed record ReleaseLeaseBody([property: StringLength(2000)] string? Reason);

/// <summary>A pool account's TikTok tokens. Stored encrypted and never returned.</summary>
/// <param name="AccessToken">The access token. Required.</param>
/// <param name="RefreshToken">The refresh token. Required.</param>
/// <param name="ExpiresIn">Seconds until the access token expires, counted from now.</param>
/// <param name="RefreshExpiresIn">Seconds until the refresh token expires, counted from now.</param>
/// <param name="Scopes">The scopes the tokens grant, e.g. `video.publish`.</param>
public sealed record PoolCredentialsBody(
    [property: Required] string? AccessToken, [property: Required] string? RefreshToken, long? ExpiresIn, long? RefreshExpiresIn, List<string?>? Scopes);

/// <summary>A warmed TikTok account for the pool.</summary>
/// <param name="Platform">Always `tiktok`: leasing covers TikTok only. Required.</param>
/// <param name="Handle">The account's handle on TikTok. Required.</param>
/// <param name="DisplayName">The profile's display name; optional.</param>
/// <param name="PlatformUserId">The platform's own stable id of the account's user. Required.</param>
/// <param name="Niche">
/// What the accounts are about: `vertical` (required), `audience`, `language` and `geo`. Required.
/// </param>
/// <param name="Credentials">The account's tokens: stored encrypted, never returned. Required.</param>
[RequestExample("""{"platform": "tiktok", "handle": "brewlab.daily", "displayName": "Brew Lab", "platformUserId": "7191825361", "niche": {"vertical": "coffee"}, "credentials": {"accessToken": "act.example", "refreshToken": "rft.example", "expiresIn": 86400, "refreshExpiresIn": 31536000, "scopes": ["video.publish"]}}""")]
public sealed record AddPoolAccountBody(
    [property: Required, OneOf("tiktok")] string? Platform,
    [property: Required] string? Handle,
    string? DisplayName,
    [property: Required] string? PlatformUserId,
    [property: Required] LeaseNicheBody? Niche,
    [property: Required] PoolCredentialsBody? Credentials);

/// <summary>One pool account to assign.</summary>
/// <param name="PoolAccountId">The pool account (`pool_…`); it must be `available`. Required.</param>
/// <param name="MonthlyPriceCents">The monthly price in US cents (15000 is $150.00). Default 15000.</param>
public sealed record LeasePickBody([property: Required] string? PoolAccountId, [property: Range(0, long.MaxValue)] long? MonthlyPriceCents);

/// <summary>The pool accounts to assign to a lease request.</summary>
/// <param name="Accounts">
/// At least one and at most as many as requested; fewer than requested makes the request `partial`. Required.
/// </param>
[RequestExample("""{"accounts": [{"poolAccountId": "pool_01JF3QB7W2X4Y6Z8A0B2C4D6EF", "monthlyPriceCents": 15000}]}""")]
public sealed record AssignLeaseBody([property: Required, MinLength(1)] List<LeasePickBody?>? Accounts);

/// <summary>Why a lease request is rejected.</summary>
/// <param name="Reason">Shown to the partner as `rejectionReason`. Required.</param>
[RequestExample("""{"reason": "No warmed accounts in this niche this month."}""")]
public sealed record RejectLeaseBody([property: Required, StringLength(2000, MinimumLength = 1)] string? Reason);
