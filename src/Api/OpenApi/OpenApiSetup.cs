using Layers.Api.Auth;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Layers.Api.OpenApi;

/// <summary>The OpenAPI description at <c>/openapi/v1.json</c> and Swagger UI at <c>/swagger</c>.</summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddLayersOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Layers social accounts API",
                Version = "v1",
                Description = "Connected and leased TikTok and Instagram accounts, scheduled posts and webhooks for partner products. " +
                    "Partner endpoints take `Authorization: Bearer <api key>` (or `X-Api-Key`); operator endpoints take the operator token. " +
                    "Every error uses the envelope `{\"error\":{code, message, requestId, details}}`.",
            });
            options.AddSecurityDefinition(SecurityScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A partner API key (lp_live_…), or the operator token on /v1/admin routes.",
            });
            options.OperationFilter<AccessOperationFilter>();
            options.CustomSchemaIds(SchemaId);
        });
        return services;
    }

    public static WebApplication UseLayersOpenApi(this WebApplication app)
    {
        app.UseSwagger(options => options.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "Layers API v1");
            options.RoutePrefix = "swagger";
        });
        return app;
    }

    private const string SecurityScheme = "bearer";

    /// <summary><c>PageResponse&lt;ProjectInfo&gt;</c> becomes <c>ProjectInfoPageResponse</c>.</summary>
    private static string SchemaId(Type type) => type.IsGenericType
        ? string.Concat(type.GetGenericArguments().Select(SchemaId)) + type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]
        : type.Name;

    /// <summary>Marks authenticated operations with the bearer scheme and names the scope they need.</summary>
    private sealed class AccessOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var requirement = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AccessRequirement>().LastOrDefault();
            if (requirement is null)
            {
                return;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SecurityScheme, context.Document)] = [],
            });
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
}
