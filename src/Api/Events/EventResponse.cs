using System.Text.Json;
using Layers.Events;

namespace Layers.Api.Events;

/// <summary>An event as webhooks deliver it: <c>{id, type, createdAt, projectId, data}</c>.</summary>
public sealed record EventResponse(string Id, string Type, DateTimeOffset CreatedAt, Guid? ProjectId, JsonElement Data)
{
    public static EventResponse From(EventRecord record) =>
        new(record.Id, record.Type, record.CreatedAt, record.ProjectId, JsonDocument.Parse(record.DataJson).RootElement.Clone());
}
