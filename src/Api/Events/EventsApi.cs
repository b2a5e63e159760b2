using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Api.OpenApi;
using Layers.Common;
using Layers.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Layers.Api.Events;

/// <summary><c>GET /v1/events</c>: the organization's events, newest first, kept 30 days.</summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/events", ListAsync).RequireAnyReadScope().ProducesErrors(422).WithTags("Events")
            .WithQuery("projectId", "Only events of this project.")
            .WithQuery("type", "Only events of this type, e.g. `post.published`.")
            .WithPaging(50, 200)
            .Describe("listEvents", "Lists the organization's events, newest first",
                "Kept 30 days: the same objects webhooks deliver (`{id: \"evt_…\", type, createdAt, projectId, data}`), for partners who poll or missed a delivery.");
        return routes;
    }

    /// <returns>A page of events, newest first.</returns>
    public static async Task<Ok<PageResponse<EventResponse>>> ListAsync(
        Caller caller, HttpRequest request, IEventStore events, [FromKeyedServices(LayersTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var limitOnly = Paging.From(request, 50, 200, validateCursor: false);
        var validator = new Validator();
        var projectText = request.Query["projectId"].ToString();
        Guid? projectId = null;
        if (projectText.Length > 0)
        {
            projectId = Guid.TryParseExact(projectText, "D", out var parsed) ? parsed : null;
            validator.Check(projectId is not null, "projectId", "A project id (UUID).");
        }

        var type = request.Query["type"].ToString() is { Length: > 0 } t ? t : null;
        validator.Check(type is null || EventTypes.All.Contains(type), "type", "A known event type.");
        var after = limitOnly.Cursor is null ? null : Cursor.DecodeKey(limitOnly.Cursor);
        validator.Check(after is null || Ids.IsWellFormed(after, Ids.Event), "cursor", "The cursor is not one this service issued.");
        validator.ThrowIfInvalid();

        var page = await events.ListAsync(
            caller.OrganizationId, new EventQuery(projectId, type), after, limitOnly.Limit, time.GetUtcNow() - EventRetention.Period, cancellationToken);
        return TypedResults.Ok(new PageResponse<EventResponse>(
            [.. page.Items.Select(EventResponse.From)], page.NextCursor is null ? null : Cursor.EncodeKey(page.NextCursor)));
    }
}
