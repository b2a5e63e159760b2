using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Layers.Api.Events;
using Layers.Api.Http;
using Layers.Common;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Layers.Api.OpenApi;

/// <summary>
/// What the document filter needs to know of each object schema once all are made: the properties every answer
/// carries, and the ones a request must give (<see cref="RequiredAttribute"/>).
/// </summary>
public sealed class SchemaFacts
{
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _input = new(StringComparer.Ordinal);

    public void RecordInput(string schemaId, IReadOnlySet<string> required) => _input[schemaId] = required;

    public IReadOnlySet<string> InputRequired(string schemaId) => _input.GetValueOrDefault(schemaId) ?? new HashSet<string>();
}

/// <summary>
/// Every shape as the contract has it: descriptions from the documentation comments (<see cref="XmlDocs"/>), every
/// property an answer always carries as <c>required</c>, nullable only what can be null (a nullable object as
/// <c>oneOf</c> it or <c>null</c>, never an <c>allOf</c> wrapper), closed sets as enums (<see cref="OneOfAttribute"/>),
/// each event type as its own schema under <c>type</c> as discriminator, and typed error details.
/// </summary>
internal sealed class ContractSchemaFilter(XmlDocs docs, SchemaFacts facts) : ISchemaFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if (context.Type == typeof(EventResponse))
        {
            EventSchemas.Describe(concrete, context);
            return;
        }

        if (concrete.Properties is not { } properties)
        {
            return;
        }

        concrete.Description ??= docs.Summary(context.Type);
        if (context.Type.GetCustomAttribute<JsonUnmappedMemberHandlingAttribute>() is not { UnmappedMemberHandling: JsonUnmappedMemberHandling.Disallow })
        {
            // The service ignores fields it does not know, and answers may gain fields: neither is closed.
            concrete.AdditionalProperties = null;
            concrete.AdditionalPropertiesAllowed = true;
        }

        var always = new SortedSet<string>(StringComparer.Ordinal);
        var input = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var member in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            if (!properties.TryGetValue(name, out var property))
            {
                continue;
            }

            if (member.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: not JsonIgnoreCondition.Never })
            {
                always.Add(name);
            }

            if (member.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                input.Add(name);
            }

            // A field left out when it has no value is never null.
            var omittedWhenNull = member.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.WhenWritingNull };
            properties[name] = Shape(property, docs.Property(context.Type, member.Name), member.GetCustomAttribute<OneOfAttribute>(),
                IsNullable(member) && !omittedWhenNull);
        }

        concrete.Required = always;
        facts.RecordInput(context.Type.Name, input);

        if (context.Type == typeof(ApiErrorBody))
        {
            concrete.Description = "What went wrong, with a code that never changes meaning.";
            properties["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The stable error code.",
                Enum = [.. Enum.GetValues<ErrorKind>().Select(kind => ErrorCodes.ToWire(kind).Code).Distinct().Select(c => (JsonNode)JsonValue.Create(c))],
            };
            properties["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A human-readable explanation; wording may change." };
            properties["requestId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's id (`req_…`), also in the `X-Request-Id` header." };
            properties["details"] = OrNull(context.SchemaGenerator.GenerateSchema(typeof(ErrorDetails), context.SchemaRepository),
                "Facts that depend on the code (see each field); null when the code gives none.");
        }
        else if (context.Type == typeof(ApiError))
        {
            concrete.Description = "The envelope of every error.";
        }
        else if (context.Type.IsGenericType && context.Type.GetGenericTypeDefinition() == typeof(PageResponse<>))
        {
            concrete.Description = "One page of a listing.";
            Describe(properties, "items", "The page's items, in the listing's order.");
            Describe(properties, "nextCursor", "Pass as `cursor` for the next page; null on the last page.");
        }
    }

    /// <summary>A property's schema with its description, its closed set, and null allowed only where it can be.</summary>
    private static IOpenApiSchema Shape(IOpenApiSchema property, string? description, OneOfAttribute? oneOf, bool nullable)
    {
        if (property is OpenApiSchemaReference reference)
        {
            if (nullable)
            {
                return OrNull(reference, description);
            }

            reference.Description = description;
            return reference;
        }

        if (property is not OpenApiSchema schema)
        {
            return property;
        }

        schema.Description ??= description;
        if (oneOf is not null)
        {
            var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
            target.Enum = [.. oneOf.Values.Select(v => (JsonNode)JsonValue.Create(v))];
            if (nullable && target == schema)
            {
                // null is one of the values a nullable field takes.
                target.Enum.Add(null!);
            }
        }

        if (schema.Type is { } type)
        {
            schema.Type = nullable ? type | JsonSchemaType.Null : type & ~JsonSchemaType.Null;
        }

        return schema;
    }

    /// <summary>The schema, or null: the plain form generators turn into a nullable type.</summary>
    private static OpenApiSchema OrNull(IOpenApiSchema schema, string? description) => new()
    {
        Description = description,
        OneOf = [schema, new OpenApiSchema { Type = JsonSchemaType.Null }],
    };

    private static bool IsNullable(PropertyInfo member) =>
        member.PropertyType.IsValueType
            ? Nullable.GetUnderlyingType(member.PropertyType) is not null
            : Nullability.Create(member).ReadState != NullabilityState.NotNull;

    private static void Describe(IDictionary<string, IOpenApiSchema> properties, string name, string description)
    {
        if (!properties.TryGetValue(name, out var property))
        {
            return;
        }

        if (property is OpenApiSchema schema)
        {
            schema.Description = description;
        }
        else if (property is OpenApiSchemaReference reference)
        {
            reference.Description = description;
        }
    }
}
