using System.Text.Json.Serialization;
using Layers.Common;

namespace Layers.Api.Events;

/// <summary>What `social_account.connected` adds to the account.</summary>
/// <param name="Reconnected">True when an existing account was reconnected (a reauth), false for a new one.</param>
public sealed record ConnectedEventData(bool Reconnected);

/// <summary>The month a `leased_account.renewed` event charged.</summary>
/// <param name="PeriodStart">The start of the month paid for (ISO-8601, UTC).</param>
/// <param name="PeriodEnd">The end of the month paid for (ISO-8601, UTC).</param>
/// <param name="AmountCents">The amount charged, in US cents.</param>
/// <param name="TransactionId">The wallet ledger entry of the charge (`wtx_…`).</param>
public sealed record RenewalEventData(DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, long AmountCents, string TransactionId);

/// <summary>The month a `leased_account.renewal_failed` event could not charge, and what happens next.</summary>
/// <param name="PeriodStart">The start of the month due (ISO-8601, UTC).</param>
/// <param name="PeriodEnd">The end of the month due (ISO-8601, UTC).</param>
/// <param name="AmountCents">The amount due, in US cents.</param>
/// <param name="Attempt">How many times the charge has failed, this one included.</param>
/// <param name="BalanceCents">The wallet's balance when the charge failed, in US cents.</param>
/// <param name="NextAttemptAt">When the charge is tried again (ISO-8601, UTC).</param>
/// <param name="ReleaseAt">When the account is released if the charge still fails (ISO-8601, UTC).</param>
public sealed record RenewalFailedEventData(
    DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, long AmountCents, int Attempt, long BalanceCents, DateTimeOffset NextAttemptAt,
    DateTimeOffset ReleaseAt);

/// <summary>What a `test.ping` event carries.</summary>
/// <param name="WebhookEndpointId">The endpoint the test was sent to (`whe_…`).</param>
/// <param name="Message">A fixed text saying the event is a test.</param>
public sealed record TestPingEventData(string WebhookEndpointId, string Message);

/// <summary>
/// What <c>details</c> of an error holds, by code; every field is left out when the code does not give it.
/// </summary>
/// <param name="Issues">`VALIDATION` and `MODE_NOT_SUPPORTED`: every bad field at once, by its path in the request.</param>
/// <param name="RequiredScope">`FORBIDDEN_SCOPE`: the scope the endpoint needs.</param>
/// <param name="SupportedModes">`MODE_NOT_SUPPORTED`: the modes the target's platform offers.</param>
/// <param name="RetryAfterSeconds">`RATE_LIMITED`: seconds until the key's budget allows another request.</param>
/// <param name="Platform">`PLATFORM_NOT_SUPPORTED`: the platform asked for.</param>
/// <param name="ReturnUrl">`RETURN_URL_NOT_ALLOWED`: the return URL refused.</param>
/// <param name="AllowedReturnDomains">`RETURN_URL_NOT_ALLOWED`: the hosts the key's return URLs may point at.</param>
/// <param name="RetryAt">`UNAVAILABLE` from creator info: when the platform's limit allows the read again.</param>
/// <param name="PlatformCode">`UNAVAILABLE` from creator info: the platform's own error code.</param>
public sealed record ErrorDetails(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ValidationIssue>? Issues,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequiredScope,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? SupportedModes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetryAfterSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Platform,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReturnUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? AllowedReturnDomains,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RetryAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PlatformCode);
