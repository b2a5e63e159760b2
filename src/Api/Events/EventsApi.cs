using System.Globalization;
using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Common;
using Layers.Events;
using Layers.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Layers.Api.Events;

/// <summary><c>GET /v1/events</c>: the organization's events, newest first, kept 30 days.</summary>
public static class EventsApi
{
    private const long DayFactor = 10_000_000;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/events", ListAsync).RequireAnyReadScope().ProducesErrors(422).WithTags("Events");
        return routes;
    }

    public static async Task<Ok<PageResponse<EventResponse>>> ListAsync(
        Caller caller, HttpRequest request, IGrainFactory grains, [FromKeyedServices(LayersTime.Key)] TimeProvider time)
    {
        var paging = Paging.From(request, 50, 200);
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
        validator.ThrowIfInvalid();

        var oldest = EventLog.Day(time.GetUtcNow() - EventLog.Retention);
        (string Day, int? Before)? position = null;
        if (paging.Cursor is not null)
        {
            var raw = Cursor.Decode(paging.Cursor);
            position = ((raw / DayFactor).ToString(CultureInfo.InvariantCulture), (int)(raw % DayFactor));
        }

        var days = await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).ListEventDaysAsync();
        var query = new EventQuery(projectId, type);
        var items = new List<EventResponse>();
        string? next = null;
        foreach (var day in days)
        {
            if (string.CompareOrdinal(day, oldest) < 0 || (position is { } p && string.CompareOrdinal(day, p.Day) > 0))
            {
                continue;
            }

            var before = position is { } q && q.Day == day ? q.Before : null;
            var slice = await grains.GetGrain<IEventLogGrain>(EventLog.GrainKey(caller.OrganizationId, day))
                .ListAsync(query, before, paging.Limit - items.Count);
            items.AddRange(slice.Events.Select(EventResponse.From));
            if (items.Count >= paging.Limit)
            {
                if (slice.NextBefore is { } nextBefore)
                {
                    next = Cursor.Encode(long.Parse(day, CultureInfo.InvariantCulture) * DayFactor + nextBefore);
                }
                else if (days.SkipWhile(d => d != day).Skip(1).Any(d => string.CompareOrdinal(d, oldest) >= 0))
                {
                    // The next page starts with the next older day.
                    var older = days.SkipWhile(d => d != day).Skip(1).First();
                    next = Cursor.Encode(long.Parse(older, CultureInfo.InvariantCulture) * DayFactor + (DayFactor - 1));
                }

                break;
            }
        }

        return TypedResults.Ok(new PageResponse<EventResponse>(items, next));
    }
}
