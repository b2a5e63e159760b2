namespace Layers.Events;

/// <summary>
/// One recorded event: the same object webhooks deliver and <c>GET /v1/events</c> lists.
/// <see cref="DataJson"/> is the resource as JSON in the API's wire format.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EventRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string OrganizationId,
    [property: Id(4)] Guid? ProjectId,
    [property: Id(5)] string DataJson)
{
    /// <summary>
    /// The W3C <c>traceparent</c> of the request (or tick) that caused the event, so its webhook deliveries can be
    /// traced back to it. Internal: it is neither delivered, listed nor stored in the events table.
    /// </summary>
    [Id(6)]
    public string? TraceParent { get; init; }
}
