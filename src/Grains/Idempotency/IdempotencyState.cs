namespace Layers.Idempotency;

[GenerateSerializer]
public sealed class IdempotencyState
{
    [Id(0)] public byte[] BodyHash { get; set; } = [];
    [Id(1)] public Guid AttemptId { get; set; }
    [Id(2)] public DateTimeOffset StartedAt { get; set; }
    [Id(3)] public StoredResponse? Response { get; set; }
    [Id(4)] public DateTimeOffset? CompletedAt { get; set; }
}
