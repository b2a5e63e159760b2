using System.Text.Json.Nodes;
using Layers.Api.Events;
using Layers.Events;
using Layers.Leasing;
using Layers.Publishing;
using Layers.SocialAccounts;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Layers.Api.OpenApi;

/// <summary>
/// One schema per event type (<c>SocialAccountConnectedEvent</c>, …) with its own <c>data</c>, and the event itself as
/// one of them with <c>type</c> as discriminator: what <c>GET /v1/events</c> lists and webhooks deliver.
/// </summary>
internal static class EventSchemas
{
    /// <summary>Each event type, its schema's name and what its <c>data</c> is (a resource, or a resource with more).</summary>
    public static readonly IReadOnlyList<(string Type, string Schema, Type Data, Type? Extra, string Description)> Types =
    [
        (EventTypes.SocialAccountConnected, "SocialAccountConnectedEvent", typeof(SocialAccountView), typeof(ConnectedEventData),
            "A customer connected an account, or reconnected one (`reconnected: true`, same account id)."),
        (EventTypes.SocialAccountNeedsReauth, "SocialAccountNeedsReauthEvent", typeof(SocialAccountView), null,
            "The platform refused the account's token: it is `reauth_required` until reconnected."),
        (EventTypes.SocialAccountRevoked, "SocialAccountRevokedEvent", typeof(SocialAccountView), null,
            "The account was disconnected (revoked, or a leased account released); its queued posts are canceled."),
        (EventTypes.LeaseRequestAssigned, "LeaseRequestAssignedEvent", typeof(LeaseRequestView), null,
            "Layers assigned accounts to a lease request (`assigned` or `partial`)."),
        (EventTypes.LeaseRequestRejected, "LeaseRequestRejectedEvent", typeof(LeaseRequestView), null,
            "Layers rejected a lease request."),
        (EventTypes.LeasedAccountRenewed, "LeasedAccountRenewedEvent", typeof(SocialAccountView), typeof(RenewalEventData),
            "A leased account's next month was charged to the wallet."),
        (EventTypes.LeasedAccountRenewalFailed, "LeasedAccountRenewalFailedEvent", typeof(SocialAccountView), typeof(RenewalFailedEventData),
            "A leased account's next month could not be charged; it is tried again daily until the grace period ends."),
        (EventTypes.PostScheduled, "PostScheduledEvent", typeof(ScheduledPostView), null, "A post was queued."),
        (EventTypes.PostPublished, "PostPublishedEvent", typeof(ScheduledPostView), null,
            "The platform published the post (or, for `draft_to_device`, delivered it to the creator's inbox)."),
        (EventTypes.PostFailed, "PostFailedEvent", typeof(ScheduledPostView), null, "The post failed; `lastError` says why."),
        (EventTypes.PostCanceled, "PostCanceledEvent", typeof(ScheduledPostView), null, "The post was canceled; `cancelReason` says why."),
        (EventTypes.TestPing, "TestPingEvent", typeof(TestPingEventData), null, "A test sent on request to one endpoint."),
    ];

    public static void Describe(OpenApiSchema schema, SchemaFilterContext context)
    {
        var mapping = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
        var members = new List<IOpenApiSchema>();
        foreach (var (type, name, data, extra, description) in Types)
        {
            if (!context.SchemaRepository.Schemas.ContainsKey(name))
            {
                var resource = context.SchemaGenerator.GenerateSchema(data, context.SchemaRepository);
                IOpenApiSchema body;
                if (extra is null)
                {
                    body = resource;
                    if (resource is OpenApiSchemaReference resourceReference)
                    {
                        resourceReference.Description = "The resource the event is about, as the API shows it.";
                    }
                }
                else
                {
                    body = new OpenApiSchema
                    {
                        Description = "The resource the event is about, as the API shows it, with what the event adds.",
                        AllOf = [resource, context.SchemaGenerator.GenerateSchema(extra, context.SchemaRepository)],
                    };
                }

                context.SchemaRepository.AddDefinition(name, Event(type, description, body));
            }

            var reference = new OpenApiSchemaReference(name);
            mapping[type] = reference;
            members.Add(reference);
        }

        schema.Type = null;
        schema.Properties = null;
        schema.Required = null;
        schema.AdditionalProperties = null;
        schema.AdditionalPropertiesAllowed = true;
        schema.Description = "An event: one of the event types below, told apart by `type`. Receivers dedupe on `id`: delivery is at least once.";
        schema.OneOf = members;
        schema.Discriminator = new OpenApiDiscriminator { PropertyName = "type", Mapping = mapping };
    }

    private static OpenApiSchema Event(string type, string description, IOpenApiSchema data) => new()
    {
        Type = JsonSchemaType.Object,
        Description = $"`{type}`: {description}",
        Required = new SortedSet<string>(StringComparer.Ordinal) { "id", "type", "createdAt", "projectId", "data" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The event's id (`evt_…`).", Pattern = "^evt_[0-9A-HJKMNP-TV-Z]{26}$" },
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The event type.", Enum = [JsonValue.Create(type)] },
            ["createdAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When the event happened (ISO-8601, UTC)." },
            ["projectId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null,
                Format = "uuid",
                Description = "The project the event belongs to; null for an organization-wide event.",
            },
            ["data"] = data,
        },
    };
}
