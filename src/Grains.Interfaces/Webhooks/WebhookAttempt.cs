namespace Layers.Webhooks;

/// <summary>One POST to the endpoint: when, what came back (status, the start of the body) and how long it took.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookAttempt(
    [property: Id(0)] int Number,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] int? ResponseStatus,
    [property: Id(3)] string? Error,
    [property: Id(4)] long DurationMs,
    [property: Id(5)] string? ResponseBody);
