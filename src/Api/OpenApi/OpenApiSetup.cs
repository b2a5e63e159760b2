using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Api.Idempotency;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Layers.Api.OpenApi;

/// <summary>The OpenAPI description at <c>/openapi/v1.json</c> and Swagger UI at <c>/swagger</c>.</summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>A partner API key as <c>Authorization: Bearer</c>.</summary>
    private const string BearerScheme = "bearer";

    /// <summary>The same key as <c>X-Api-Key</c>.</summary>
    private const string ApiKeyScheme = "apiKey";

    /// <summary>The operator token of Layers staff, on <c>/v1/admin</c> only.</summary>
    private const string OperatorScheme = "operator";

    /// <summary>What each error status means, as the contract's error table has it.</summary>
    private static readonly Dictionary<string, string> ErrorDescriptions = new(StringComparer.Ordinal)
    {
        ["400"] = "Bad request.",
        ["401"] = "`UNAUTHENTICATED`: no key, an unknown key or a revoked key.",
        ["402"] = "`INSUFFICIENT_FUNDS`: the wallet cannot pay the lease charge.",
        ["403"] = "`FORBIDDEN_SCOPE` (the key lacks the endpoint's scope; `details.requiredScope`) or `RETURN_URL_NOT_ALLOWED`.",
        ["404"] = "`NOT_FOUND`: an unknown id, another organization's id or a malformed id.",
        ["409"] = "`CONFLICT` (the resource's state does not allow it) or `IDEMPOTENCY_CONFLICT` (same `Idempotency-Key`, different body, or the first request still running).",
        ["413"] = "`PAYLOAD_TOO_LARGE`: the body is over 1 MiB.",
        ["422"] = "`VALIDATION` (`details.issues: [{path, message}]` names every bad field), `PLATFORM_NOT_SUPPORTED` or `MODE_NOT_SUPPORTED` (`details.supportedModes`).",
        ["429"] = "`RATE_LIMITED`: the key's per-minute budget is spent; retry after `Retry-After` seconds.",
        ["500"] = "`INTERNAL`: a bug; never caused by bad input.",
        ["503"] = "`UNAVAILABLE`: storage or cluster unreachable; safe to retry.",
    };

    /// <summary>Path parameters by name (and, for the generic <c>id</c>, by the collection in front of it).</summary>
    private static readonly Dictionary<string, string> PathParameterDescriptions = new(StringComparer.Ordinal)
    {
        ["projectId"] = "The project's id (a UUID).",
        ["containerId"] = "The content container's id (`cnt_…`).",
        ["socialAccountId"] = "The social account's id (`sa_…`).",
        ["requestId"] = "The lease request's id (`lreq_…`).",
        ["orgId"] = "The organization's id (`org_…`).",
        ["keyId"] = "The API key's id (`key_…`).",
        ["poolAccountId"] = "The pool account's id (`pool_…`).",
        ["state"] = "The OAuth state (`st_…`) returned by oauth-url or reauth-url.",
        ["platform"] = "The platform that sent the user back: `tiktok` or `instagram`.",
        ["/v1/scheduled-posts/{id}"] = "The scheduled post's id (`sp_…`).",
        ["/v1/webhook-endpoints/{id}"] = "The webhook endpoint's id (`whe_…`).",
        ["/v1/webhook-deliveries/{id}"] = "The webhook delivery's id (`whd_…`).",
    };

    /// <summary>The groups of the description, in the contract's order.</summary>
    internal static readonly (string Name, string Description)[] Tags =
    [
        ("Organization", "Who the calling key belongs to."),
        ("Projects", "A partner's customers are projects; accounts, content and posts belong to one. Archiving a project cancels its queued posts."),
        ("Social accounts", "Connected TikTok and Instagram accounts: OAuth connect and reconnect, listing, health, revoke. Tokens are never returned."),
        ("Leased accounts", "Warmed TikTok accounts owned by Layers, requested by partners and billed monthly to the organization's wallet."),
        ("Wallet", "The organization's prepaid balance and its ledger of credits and lease charges."),
        ("Content and publishing", "Content containers and the posts that publish them to accounts, now or at a scheduled time, at most once each."),
        ("Webhooks", "Endpoints that receive signed event deliveries, retried until a 2xx or the retry schedule runs out."),
        ("Events", "Every event of the organization for 30 days, newest first: the objects webhooks deliver."),
        ("Operator", "Layers staff only: organizations, keys, wallet credits, the warmed pool and lease review. Operator token required."),
        ("Health", "Liveness and readiness probes."),
    ];

    public static IServiceCollection AddLayersOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSingleton<SchemaFacts>();
        services.AddSingleton(new XmlDocs([typeof(OpenApiSetup).Assembly, typeof(Layers.SocialAccounts.SocialAccountView).Assembly]));
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Layers social accounts API",
                Version = "v1",
                Description = "Connected and leased TikTok and Instagram accounts, scheduled posts and webhooks for partner products. " +
                    "Partner endpoints take `Authorization: Bearer <api key>` (or `X-Api-Key`); operator endpoints take the operator token. " +
                    "Every error uses the envelope `{\"error\":{code, message, requestId, details}}`; every response carries `X-Request-Id`. " +
                    "Listings page with `?limit=&cursor=` and answer `{items, nextCursor}`. " +
                    "Any POST, PATCH or PUT (the operator API's too) may carry an `Idempotency-Key` (at most 255 characters): the same key and body within 24 hours replays the first response.",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A partner API key (`lp_live_…`) as `Authorization: Bearer <key>`.",
            });
            options.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "The same partner API key, as the `X-Api-Key` header.",
            });
            options.AddSecurityDefinition(OperatorScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The operator token of Layers staff (`Layers:AdminToken`), for `/v1/admin` routes only.",
            });
            options.SupportNonNullableReferenceTypes();
            options.OperationFilter<AccessOperationFilter>();
            options.OperationFilter<ContractOperationFilter>();
            options.DocumentFilter<ContractDocumentFilter>();
            options.SchemaFilter<ContractSchemaFilter>();
            options.CustomSchemaIds(SchemaId);
        });
        return services;
    }

    public static WebApplication UseLayersOpenApi(this WebApplication app)
    {
        app.UseSwagger(options =>
        {
            options.RouteTemplate = "openapi/{documentName}.json";
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        });
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "Layers API v1");
            options.RoutePrefix = "swagger";
        });
        return app;
    }

    /// <summary>Names the operation (its <c>operationId</c>) and says what it does.</summary>
    public static TBuilder Describe<TBuilder>(this TBuilder builder, string operationId, string summary, string? description = null)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithName(operationId).WithSummary(summary);
        return description is null ? builder : builder.WithDescription(description);
    }

    /// <summary>Documents <c>?limit=&amp;cursor=</c> of a listing.</summary>
    public static TBuilder WithPaging<TBuilder>(this TBuilder builder, int defaultLimit, int maxLimit)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .WithQuery("limit", $"Page size, 1 to {maxLimit}; default {defaultLimit}.", QueryType.Integer)
            .WithQuery("cursor", "The `nextCursor` of the previous page; opaque.");

    /// <summary>Documents a query parameter that the handler reads from the request itself.</summary>
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, string name, string description, QueryType type = QueryType.String, params string[] values)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameter(name, description, type, values));

    /// <summary><c>PageResponse&lt;ProjectInfo&gt;</c> becomes <c>ProjectInfoPageResponse</c>.</summary>
    private static string SchemaId(Type type) => type.IsGenericType
        ? string.Concat(type.GetGenericArguments().Select(SchemaId)) + type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]
        : type.Name;

    public enum QueryType
    {
        String,
        Integer,
        Boolean,
        DateTime,

        /// <summary>A string that may be given more than once (<c>?status=a&amp;status=b</c>).</summary>
        RepeatedString,
    }

    /// <summary>Endpoint metadata: a query parameter read from the request rather than bound to a handler argument.</summary>
    public sealed record QueryParameter(string Name, string Description, QueryType Type, IReadOnlyList<string> Values);

    /// <summary>Marks authenticated operations with the bearer scheme and names the scope they need; public ones say they are public.</summary>
    private sealed class AccessOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            operation.Security ??= [];
            var requirement = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AccessRequirement>().LastOrDefault();
            if (requirement is null)
            {
                // An empty requirement: no credentials needed.
                operation.Security.Add(new OpenApiSecurityRequirement());
                return;
            }

            if (requirement.Kind == AccessKind.Operator)
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OperatorScheme, context.Document)] = [] });
            }
            else
            {
                // Either way of presenting the key.
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
            }
            var who = requirement.Kind switch
            {
                AccessKind.Scope => $"Requires scope `{requirement.Scope}`.",
                AccessKind.AnyReadScope => "Requires any read scope.",
                AccessKind.Operator => "Operator token only.",
                _ => "Any valid API key.",
            };
            operation.Description = string.IsNullOrEmpty(operation.Description) ? who : $"{operation.Description}\n\n{who}";
        }
    }

    /// <summary>
    /// What the contract says beyond the handler signatures: query parameters read from the request, parameter, body and
    /// success descriptions, the <c>Idempotency-Key</c> header, and every error response with its meaning.
    /// </summary>
    private sealed class ContractOperationFilter(XmlDocs docs) : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var description = context.ApiDescription;
            var metadata = description.ActionDescriptor.EndpointMetadata;
            var route = "/" + description.RelativePath?.TrimStart('/');
            operation.Parameters ??= [];
            foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
            {
                parameter.Description ??= parameter.In switch
                {
                    ParameterLocation.Path => PathParameterDescriptions.GetValueOrDefault(parameter.Name == "id" ? IdRoute(route) : parameter.Name ?? ""),
                    ParameterLocation.Query => context.MethodInfo is { } handler ? QueryDoc(handler, parameter.Name) : null,
                    _ => null,
                };
            }

            foreach (var query in metadata.OfType<QueryParameter>())
            {
                var parameter = new OpenApiParameter
                {
                    Name = query.Name,
                    In = ParameterLocation.Query,
                    Description = query.Description,
                    Schema = Schema(query),
                };
                if (query.Type == QueryType.RepeatedString)
                {
                    parameter.Style = ParameterStyle.Form;
                    parameter.Explode = true;
                }

                operation.Parameters.Add(parameter);
            }

            var method = description.HttpMethod ?? "";
            var authenticated = metadata.OfType<AccessRequirement>().Any();
            if (authenticated && (HttpMethods.IsPost(method) || HttpMethods.IsPatch(method) || HttpMethods.IsPut(method)) && !metadata.OfType<NoIdempotency>().Any())
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyMiddleware.Header,
                    In = ParameterLocation.Header,
                    Description = "Replays the first response of the same key and body within 24 hours; a different body, or a first request still running, is `409 IDEMPOTENCY_CONFLICT`.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                });
            }

            if (operation.RequestBody is OpenApiRequestBody body)
            {
                body.Description ??= context.MethodInfo is { } handler ? docs.Parameter(handler, "body") : null;
                DocumentRawBody(body, metadata, context);
                AddExample(body, metadata, context);
            }

            operation.Responses ??= [];
            if (route.StartsWith("/v1/", StringComparison.Ordinal))
            {
                if (operation.RequestBody is not null)
                {
                    AddError(operation, context, "413");
                }

                AddError(operation, context, "503");
            }

            foreach (var (status, response) in operation.Responses)
            {
                if (response is OpenApiResponse concrete && ErrorDescriptions.TryGetValue(status, out var meaning)
                    && (concrete.Content?.Count > 0 || status != "400"))
                {
                    concrete.Description = meaning;
                }
                else if (response is OpenApiResponse success && status[0] is '2' or '3'
                    && context.MethodInfo is { } handler && docs.Returns(handler) is { } outcome)
                {
                    success.Description = outcome;
                }
            }

            AddHeaders(operation, metadata);
        }

        /// <summary>The handler's documentation of the argument bound to query parameter <paramref name="name"/>.</summary>
        private string? QueryDoc(System.Reflection.MethodInfo handler, string? name)
        {
            var argument = handler.GetParameters().FirstOrDefault(p =>
                string.Equals(p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.FromQueryAttribute), false).OfType<Microsoft.AspNetCore.Mvc.FromQueryAttribute>().FirstOrDefault()?.Name ?? p.Name, name, StringComparison.Ordinal));
            return argument?.Name is { } argumentName ? docs.Parameter(handler, argumentName) : null;
        }

        /// <summary><c>/v1/webhook-endpoints/{id}/test</c> names its <c>id</c> as <c>/v1/webhook-endpoints/{id}</c> does.</summary>
        private static string IdRoute(string route)
        {
            var end = route.IndexOf("{id}", StringComparison.Ordinal);
            return end < 0 ? route : route[..(end + "{id}".Length)];
        }

        /// <summary>
        /// A handler that reads its body as raw JSON (a PATCH telling an explicit null from an absent field) shows the
        /// shape it declares with <c>Accepts&lt;T&gt;</c> instead of an empty schema.
        /// </summary>
        private static void DocumentRawBody(OpenApiRequestBody body, IList<object> metadata, OperationFilterContext context)
        {
            var declared = metadata.OfType<IAcceptsMetadata>().LastOrDefault(a => a.RequestType is { } type && type != typeof(System.Text.Json.JsonElement));
            if (declared is null || body.Content is null)
            {
                return;
            }

            foreach (var media in body.Content.Values.OfType<OpenApiMediaType>())
            {
                if (media.Schema is null or OpenApiSchema { Type: null, AllOf: null, Properties: null })
                {
                    media.Schema = context.SchemaGenerator.GenerateSchema(declared.RequestType!, context.SchemaRepository);
                }
            }
        }

        /// <summary>The request type's <see cref="RequestExampleAttribute"/> as the body's example.</summary>
        private static void AddExample(OpenApiRequestBody body, IList<object> metadata, OperationFilterContext context)
        {
            var type = metadata.OfType<IAcceptsMetadata>().LastOrDefault(a => a.RequestType is { } t && t != typeof(System.Text.Json.JsonElement))?.RequestType
                ?? context.MethodInfo?.GetParameters().FirstOrDefault(p => p.Name == "body")?.ParameterType;
            type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
            if (type?.GetCustomAttributes(typeof(RequestExampleAttribute), false).OfType<RequestExampleAttribute>().FirstOrDefault() is not { } example)
            {
                return;
            }

            foreach (var media in body.Content?.Values.OfType<OpenApiMediaType>() ?? [])
            {
                media.Example = System.Text.Json.Nodes.JsonNode.Parse(example.Json);
            }
        }

        /// <summary>
        /// The headers of each answer: <c>X-Request-Id</c> on all, the key's budget on those of partner routes,
        /// <c>Retry-After</c> on 429 and 503, <c>Location</c> on 201 and on the callback's redirect.
        /// </summary>
        private static void AddHeaders(OpenApiOperation operation, IList<object> metadata)
        {
            var partner = metadata.OfType<AccessRequirement>().LastOrDefault() is { Kind: not AccessKind.Operator };
            foreach (var (status, response) in operation.Responses!)
            {
                if (response is not OpenApiResponse concrete)
                {
                    continue;
                }

                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                concrete.Headers[RequestIdMiddleware.Header] = Header("The request's id (`req_…`): the caller's own when well-formed, else a new one.", JsonSchemaType.String);
                if (partner && status != "401")
                {
                    concrete.Headers["X-RateLimit-Limit"] = Header("Requests per minute this key may make in this class (reads or writes).", JsonSchemaType.Integer);
                    concrete.Headers["X-RateLimit-Remaining"] = Header("Requests left in the current minute.", JsonSchemaType.Integer);
                    concrete.Headers["X-RateLimit-Reset"] = Header("When the budget refills, in Unix seconds.", JsonSchemaType.Integer);
                }

                if (status is "429" or "503")
                {
                    concrete.Headers["Retry-After"] = Header("Seconds to wait before retrying.", JsonSchemaType.Integer);
                }

                if (status is "201" or "302")
                {
                    concrete.Headers["Location"] = Header(status == "201" ? "The new resource's URL." : "Where the browser goes next.", JsonSchemaType.String);
                }
            }
        }

        private static OpenApiHeader Header(string description, JsonSchemaType type) => new()
        {
            Description = description,
            Schema = new OpenApiSchema { Type = type },
        };

        private static void AddError(OpenApiOperation operation, OperationFilterContext context, string status)
        {
            if (operation.Responses!.ContainsKey(status))
            {
                return;
            }

            operation.Responses[status] = new OpenApiResponse
            {
                Description = ErrorDescriptions[status],
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(ApiError), context.SchemaRepository) },
                },
            };
        }

        private static OpenApiSchema Schema(QueryParameter query)
        {
            var schema = query.Type switch
            {
                QueryType.Integer => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
                QueryType.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
                QueryType.DateTime => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                _ => new OpenApiSchema { Type = JsonSchemaType.String },
            };
            if (query.Values.Count > 0)
            {
                schema.Enum = [.. query.Values.Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v))];
            }

            return query.Type == QueryType.RepeatedString ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema;
        }
    }

}
