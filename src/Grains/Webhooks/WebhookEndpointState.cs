namespace Layers.Webhooks;

[GenerateSerializer]
public sealed class WebhookEndpointState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public Guid? ProjectId { get; set; }
    [Id(2)] public string Url { get; set; } = "";
    [Id(3)] public List<string> Events { get; set; } = [];
    [Id(4)] public string? Description { get; set; }
    [Id(5)] public string Status { get; set; } = WebhookEndpointStatus.Active;
    [Id(6)] public int ConsecutiveFailures { get; set; }
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Newest last. Kept encrypted; erased when the endpoint is deleted.</summary>
    [Id(9)] public List<WebhookSecretState> Secrets { get; set; } = [];

    [Id(10)] public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>A deleted endpoint keeps its record so deliveries still on their way learn that it is gone.</summary>
    [Id(11)] public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Bumped on every change the directory must know; the directory keeps the highest.</summary>
    [Id(12)] public long Version { get; set; }
}
