using System.Text.Json;
using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Api.Projects;
using Layers.Api.OpenApi;
using Layers.ApiKeys;
using Layers.Common;
using Layers.Projects;
using Layers.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Layers.Api.Webhooks;

/// <summary>Webhook endpoints, their secrets and their deliveries (API.md §6).</summary>
public static class WebhooksApi
{
    private const string SigningDescription =
        "An endpoint receives every event recorded after its creation whose type is in `events` (`[\"*\"]`: all) and, when " +
        "it has a `projectId`, that belongs to that project; a paused endpoint receives nothing. " +
        "Each delivery is a POST of `{id, type, createdAt, projectId, data}` with `X-Layers-Event-Id`, `X-Layers-Event-Type`, " +
        "`X-Layers-Delivery-Id` and `X-Layers-Signature: t=<unix seconds>,v1=<hex>`: HMAC-SHA256 keyed with the UTF-8 bytes of " +
        "the whole signing secret (`whsec_…`) over `<t>.<raw body>`, one `v1=` per secret still signing. Reject timestamps more " +
        "than 5 minutes away from your clock. A 2xx within 10 s is delivered; anything else is retried after 30 s, 1 min, " +
        "5 min, 15 min, 1 h, 6 h and 24 h, then the delivery is `failed`; 20 consecutive failed attempts pause the endpoint " +
        "(`auto_paused`). Delivery is at least once: dedupe on the event id.";

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var v1 = routes.MapGroup("/v1").WithTags("Webhooks").RequireScope(Scopes.WebhooksWrite);
        // The answer carries the signing secret, so what an Idempotency-Key replay needs is kept encrypted.
        v1.MapPost("/webhook-endpoints", CreateAsync).WithSealedIdempotency().ProducesErrors(404, 409, 422)
            .WithSummary("Creates an endpoint; the signing secret is in this answer only.").WithDescription(SigningDescription).WithName("createWebhookEndpoint");
        v1.MapGet("/webhook-endpoints", ListAsync).ProducesErrors(422).WithPaging(25, 100)
            .Describe("listWebhookEndpoints", "Lists the organization's webhook endpoints");
        v1.MapGet("/webhook-endpoints/{id}", GetAsync).ProducesErrors(404)
            .Describe("getWebhookEndpoint", "Gets a webhook endpoint", "The signing secret is never returned here.");
        v1.MapPatch("/webhook-endpoints/{id}", UpdateAsync).ProducesErrors(404, 422)
            .WithSummary("Changes url, events, description or status (active|paused); setting active clears the failure count.").WithName("updateWebhookEndpoint")
            .Accepts<UpdateWebhookEndpointRequest>("application/json");
        v1.MapDelete("/webhook-endpoints/{id}", DeleteAsync).ProducesErrors(404)
            .WithSummary("Deletes the endpoint; its pending deliveries stop.").WithName("deleteWebhookEndpoint");
        v1.MapPost("/webhook-endpoints/{id}/rotate-secret", RotateSecretAsync).WithSealedIdempotency().ProducesErrors(404)
            .WithSummary("A new signing secret; the previous one keeps signing alongside it for 24 hours.").WithName("rotateWebhookSecret");
        v1.MapPost("/webhook-endpoints/{id}/test", SendTestAsync).ProducesErrors(404, 409)
            .WithSummary("Sends a test.ping event to this endpoint.").WithName("sendWebhookTest");
        v1.MapGet("/webhook-endpoints/{id}/deliveries", ListDeliveriesAsync).ProducesErrors(404, 422)
            .WithSummary("The endpoint's deliveries, newest first; ?status=pending|delivered|failed.").WithName("listWebhookDeliveries")
            .WithQuery("status", "Only deliveries in this state.", OpenApiSetup.QueryType.String, "pending", "delivered", "failed")
            .WithPaging(50, 200);
        v1.MapGet("/webhook-deliveries/{id}", GetDeliveryAsync).ProducesErrors(404)
            .Describe("getWebhookDelivery", "Gets a webhook delivery", "Its status (`pending|delivered|failed`) and every attempt with its answer.");
        v1.MapPost("/webhook-deliveries/{id}/replay", ReplayAsync).ProducesErrors(404, 409)
            .WithSummary("Sends the delivery's event again, as a new delivery.").WithName("replayWebhookDelivery");
        return routes;
    }

    /// <param name="body">Where to send which events.</param>
    /// <returns>The endpoint, and its signing secret (shown this once).</returns>
    public static async Task<Created<WebhookEndpointWithSecret>> CreateAsync(
        CreateWebhookEndpointRequest body, Caller caller, IGrainFactory grains, IWebhookAddressCheck policy,
        [FromKeyedServices(LayersTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var url = await WebhookRules.UrlAsync(body.Url, validator, policy, cancellationToken);
        var events = WebhookRules.Events(body.Events, validator);
        var description = validator.Text(body.Description, "description", WebhookRules.MaxDescriptionLength, minLength: 0);
        var projectId = WebhookRules.ProjectId(body.ProjectId, validator);
        validator.ThrowIfInvalid();
        if (projectId is { } id)
        {
            await grains.GetGrain<IProjectGrain>(id).GetAsync(caller.OrganizationId);
        }

        var created = await grains.GetGrain<IWebhookEndpointGrain>(Ids.New(WebhookIds.Endpoint, time))
            .CreateAsync(new WebhookEndpointDraft(caller.OrganizationId, url!, events!, description, projectId));
        return TypedResults.Created($"/v1/webhook-endpoints/{created.Endpoint.Id}", created);
    }

    /// <returns>A page of the organization's endpoints.</returns>
    public static async Task<Ok<PageResponse<WebhookEndpointView>>> ListAsync(Caller caller, HttpRequest request, IGrainFactory grains)
    {
        var paging = Paging.From(request, 25, 100, validateCursor: false);
        var after = paging.Cursor is null ? null : Cursor.DecodeKey(paging.Cursor);
        if (after is not null && !Ids.IsWellFormed(after, WebhookIds.Endpoint))
        {
            throw LayersException.Validation("cursor", "The cursor is not one this service issued.");
        }

        var page = await grains.GetGrain<IWebhookDirectoryGrain>(WebhookIds.DirectoryOf(caller.OrganizationId)).ListAsync(after, paging.Limit);
        var views = await Task.WhenAll(page.Items.Select(id => FindAsync(grains, id, caller)));
        return TypedResults.Ok(new PageResponse<WebhookEndpointView>(
            [.. views.OfType<WebhookEndpointView>()], page.NextCursor is null ? null : Cursor.EncodeKey(page.NextCursor)));
    }

    /// <returns>The endpoint.</returns>
    public static async Task<Ok<WebhookEndpointView>> GetAsync(string id, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await Endpoint(grains, id).GetAsync(caller.OrganizationId));

    /// <param name="body">The fields to change; the others stay as they are.</param>
    /// <returns>The endpoint as changed.</returns>
    public static async Task<Ok<WebhookEndpointView>> UpdateAsync(
        string id, JsonElement body, Caller caller, IGrainFactory grains, IWebhookAddressCheck policy, CancellationToken cancellationToken)
    {
        var endpoint = Endpoint(grains, id);
        await endpoint.GetAsync(caller.OrganizationId);
        var patch = await WebhookRules.ValidatePatchAsync(body, policy, cancellationToken);
        return TypedResults.Ok(await endpoint.UpdateAsync(caller.OrganizationId, patch));
    }

    /// <returns>The endpoint is deleted.</returns>
    public static async Task<Ok<WebhookEndpointDeleted>> DeleteAsync(string id, Caller caller, IGrainFactory grains)
    {
        await Endpoint(grains, id).DeleteAsync(caller.OrganizationId);
        return TypedResults.Ok(new WebhookEndpointDeleted(id, true));
    }

    /// <returns>The endpoint and its new signing secret (shown this once).</returns>
    public static async Task<Ok<WebhookEndpointWithSecret>> RotateSecretAsync(string id, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await Endpoint(grains, id).RotateSecretAsync(caller.OrganizationId));

    /// <returns>The delivery of the `test.ping` event; it is sent right after this answer.</returns>
    public static async Task<Accepted<WebhookDeliveryView>> SendTestAsync(string id, Caller caller, IGrainFactory grains)
    {
        var delivery = await Endpoint(grains, id).SendTestAsync(caller.OrganizationId);
        return TypedResults.Accepted($"/v1/webhook-deliveries/{delivery.Id}", delivery);
    }

    /// <returns>A page of the endpoint's deliveries, newest first.</returns>
    public static async Task<Ok<PageResponse<WebhookDeliveryView>>> ListDeliveriesAsync(
        string id, Caller caller, HttpRequest request, IGrainFactory grains, IWebhookDeliveryLog deliveries, CancellationToken cancellationToken)
    {
        await Endpoint(grains, id).GetAsync(caller.OrganizationId);
        var paging = Paging.From(request, 50, 200, validateCursor: false);
        var validator = new Validator();
        var status = request.Query["status"].ToString() is { Length: > 0 } s ? s : null;
        validator.Check(status is null || WebhookDeliveryStatus.All.Contains(status), "status", "One of pending, delivered, failed.");
        var after = paging.Cursor is null ? null : Cursor.DecodeKey(paging.Cursor);
        validator.Check(after is null || Ids.IsWellFormed(after, WebhookIds.Delivery), "cursor", "The cursor is not one this service issued.");
        validator.ThrowIfInvalid();

        var page = await deliveries.ListAsync(id, status, after, paging.Limit, cancellationToken);
        return TypedResults.Ok(new PageResponse<WebhookDeliveryView>(page.Items, page.NextCursor is null ? null : Cursor.EncodeKey(page.NextCursor)));
    }

    /// <returns>The delivery and its attempts.</returns>
    public static async Task<Ok<WebhookDeliveryView>> GetDeliveryAsync(string id, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWebhookDeliveryGrain>(WebhookRules.DeliveryId(id)).GetAsync(caller.OrganizationId));

    /// <returns>The new delivery of the same event; it is sent right after this answer.</returns>
    public static async Task<Accepted<WebhookDeliveryView>> ReplayAsync(string id, Caller caller, IGrainFactory grains)
    {
        var delivery = await grains.GetGrain<IWebhookDeliveryGrain>(WebhookRules.DeliveryId(id)).ReplayAsync(caller.OrganizationId);
        return TypedResults.Accepted($"/v1/webhook-deliveries/{delivery.Id}", delivery);
    }

    private static IWebhookEndpointGrain Endpoint(IGrainFactory grains, string id) =>
        grains.GetGrain<IWebhookEndpointGrain>(WebhookRules.EndpointId(id));

    /// <summary>An endpoint for a listing: one deleted since the directory was read is left out.</summary>
    private static async Task<WebhookEndpointView?> FindAsync(IGrainFactory grains, string id, Caller caller)
    {
        try
        {
            return await grains.GetGrain<IWebhookEndpointGrain>(id).GetAsync(caller.OrganizationId);
        }
        catch (LayersException e) when (e.Code == ErrorKind.NotFound)
        {
            return null;
        }
    }
}
