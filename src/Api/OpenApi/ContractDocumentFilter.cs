using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Layers.Api.OpenApi;

/// <summary>
/// The document as a whole: the public base URL as the server, the tags in the contract's order, request shapes
/// requiring what a request must give (answers require what they always carry), and each event type as a webhook.
/// </summary>
internal sealed class ContractDocumentFilter(IOptions<LayersOptions> options, SchemaFacts facts) : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = options.Value.PublicBaseUrl.TrimEnd('/'), Description = "This service." }];
        var used = document.Tags?.Select(t => t.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        document.Tags = new HashSet<OpenApiTag>(OpenApiSetup.Tags
            .Where(t => used.Count == 0 || used.Contains(t.Name))
            .Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        var schemas = context.SchemaRepository.Schemas;
        var operations = document.Paths.Values.SelectMany(p => p.Operations is { } byMethod ? byMethod.Values : Enumerable.Empty<OpenApiOperation>()).ToList();
        var requests = Reachable(operations.SelectMany(o => o.RequestBody?.Content?.Values.Select(m => m.Schema) ?? []), schemas);
        var answers = Reachable(operations.SelectMany(o => o.Responses?.Values.SelectMany(r => r.Content?.Values.Select(m => m.Schema) ?? []) ?? []), schemas);
        foreach (var id in requests.Where(id => !answers.Contains(id)))
        {
            if (schemas.GetValueOrDefault(id) is not OpenApiSchema { Properties: { } properties } schema)
            {
                continue;
            }

            // A request requires what its validation requires; null is no value for those.
            var required = facts.InputRequired(id);
            schema.Required = new SortedSet<string>(required, StringComparer.Ordinal);
            foreach (var name in required)
            {
                properties[name] = NotNull(properties[name]);
            }
        }

        document.Webhooks = new Dictionary<string, IOpenApiPathItem>(StringComparer.Ordinal);
        foreach (var (type, name, _, _, description) in EventSchemas.Types)
        {
            document.Webhooks[type] = Webhook(type, name, description, document);
        }
    }

    private static OpenApiPathItem Webhook(string type, string schema, string description, OpenApiDocument document)
    {
        var operation = new OpenApiOperation
        {
            OperationId = $"on{string.Concat(type.Split('.', '_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))}",
            Summary = $"`{type}` delivered to an endpoint",
            Description = description + " POSTed to each active endpoint subscribed to the type, signed (`X-Layers-Signature: t=<unix>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">`).",
            Parameters =
            [
                Header("X-Layers-Signature", "`t=<unix seconds>,v1=<hex>` (a second `v1` while a rotated secret still signs)."),
                Header("X-Layers-Event-Id", "The event's id (`evt_…`): dedupe on it."),
                Header("X-Layers-Event-Type", $"`{type}`."),
                Header("X-Layers-Delivery-Id", "This delivery's id (`whd_…`)."),
            ],
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(schema, document) },
                },
            },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "Any `2xx` within 10 s acknowledges the delivery; anything else is retried." },
            },
            // The receiver checks the signature; no credential of this API is involved.
            Security = [new OpenApiSecurityRequirement()],
        };
        return new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation } };
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    /// <summary>A property that may not be null: a nullable type loses <c>null</c>, a <c>oneOf</c> with null its null branch.</summary>
    private static IOpenApiSchema NotNull(IOpenApiSchema property)
    {
        if (property is OpenApiSchema { OneOf: [var only, OpenApiSchema { Type: JsonSchemaType.Null }] } wrapper)
        {
            if (only is OpenApiSchemaReference reference)
            {
                reference.Description = wrapper.Description;
            }

            return only;
        }

        if (property is OpenApiSchema { Type: { } type } schema)
        {
            schema.Type = type & ~JsonSchemaType.Null;
            if (schema.Enum is { } values)
            {
                schema.Enum = [.. values.Where(v => v is not null)];
            }
        }

        return property;
    }

    /// <summary>The ids of the component schemas the given schemas refer to, directly or through others.</summary>
    private static HashSet<string> Reachable(IEnumerable<IOpenApiSchema?> roots, Dictionary<string, IOpenApiSchema> schemas)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>(roots.OfType<IOpenApiSchema>());
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (found.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    pending.Push(target);
                }

                continue;
            }

            foreach (var child in Children(schema))
            {
                pending.Push(child);
            }
        }

        return found;
    }

    private static IEnumerable<IOpenApiSchema> Children(IOpenApiSchema schema) =>
        (schema.Properties?.Values ?? [])
            .Concat(schema.Items is { } items ? [items] : [])
            .Concat(schema.AllOf ?? [])
            .Concat(schema.OneOf ?? [])
            .Concat(schema.AnyOf ?? [])
            .Concat(schema.AdditionalProperties is { } additional ? [additional] : []);
}
