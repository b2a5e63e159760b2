using System.Buffers.Text;
using System.Security.Cryptography;
using Layers.Api.Admin;
using Layers.Api.Auth;
using Layers.Api.Health;
using Layers.Api.Http;
using Layers.Api.Events;
using Layers.Api.Idempotency;
using Layers.Api.Leasing;
using Layers.Api.OpenApi;
using Layers.Api.Organizations;
using Layers.Api.Projects;
using Layers.Api.Publishing;
using Layers.Api.SocialAccounts;
using Layers.Api.Webhooks;
using Layers.Common;
using Layers.Api.Media;
using Layers.Sandbox;
using Layers.Silo.Hosting;

namespace Layers.Api.Hosting;

/// <summary>Composition of the HTTP front: Orleans role, conventions, features.</summary>
public static class ApiHosting
{
    public static WebApplicationBuilder AddLayersApi(this WebApplicationBuilder builder)
    {
        FollowListeningAddress(builder.Configuration);
        var storage = StorageSettings.From(builder.Configuration);
        var role = builder.Configuration[$"{OrleansHostingOptions.SectionName}:Role"] ?? HostingRole.Cohosted;
        if (role == HostingRole.Client)
        {
            builder.AddLayersClient();
        }
        else if (role == HostingRole.Cohosted)
        {
            builder.AddLayersSilo();
        }
        else
        {
            throw new InvalidOperationException($"Orleans:Role must be '{HostingRole.Cohosted}' or '{HostingRole.Client}', not '{role}'.");
        }

        string? generated = null;
        if (storage.IsTrial && string.IsNullOrWhiteSpace(builder.Configuration[$"{LayersOptions.SectionName}:AdminToken"]))
        {
            generated = "lp_admin_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
            builder.Configuration[$"{LayersOptions.SectionName}:AdminToken"] = generated;
        }

        builder.Services.AddSingleton(new GeneratedAdminToken(generated));
        builder.Services.AddOptions<LayersOptions>().BindConfiguration(LayersOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.ConfigureHttpJsonOptions(o => WireJson.Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Limits.MaxRequestBodySize = BodySizeLimitMiddleware.MaxBodyBytes;
            // The server reads long request lines so that the service answers an overlong URL itself, in the envelope.
            o.Limits.MaxRequestLineSize = BodySizeLimitMiddleware.MaxTargetBytes * 8;
            o.ConfigureEndpointDefaults(listen => listen.UseErrorEnvelope());
        });
        builder.Services.AddSingleton<ApiKeyResolver>();
        builder.Services.AddSingleton<GrainReferences>();
        builder.Services.AddLayersOpenApi();
        builder.AddLayersApiTelemetry();
        builder.Services.AddSandbox();
        return builder;
    }

    /// <summary>
    /// Unless <c>Layers:PublicBaseUrl</c> is set, it follows the first address the service is told to listen on
    /// (<c>--urls</c> or <c>ASPNETCORE_URLS</c>), so the consent page, the OAuth <c>redirect_uri</c>, the sandbox's own
    /// addresses and the OpenAPI server all name the port the service really uses.
    /// </summary>
    public static void FollowListeningAddress(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = $"{LayersOptions.SectionName}:PublicBaseUrl";
        if (string.IsNullOrWhiteSpace(configuration[key]) && PublicBaseUrlFrom(configuration["urls"]) is { } url)
        {
            configuration[key] = url;
        }
    }

    /// <summary>The base URL a browser reaches for the first of <paramref name="urls"/> (wildcard hosts become <c>localhost</c>).</summary>
    public static string? PublicBaseUrlFrom(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        // Kestrel's wildcards are not hosts a browser can reach.
        var reachable = first.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(reachable, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
    }

    public static WebApplication UseLayersApi(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseLayersTelemetry();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            // Answers the framework gives without a body still carry the envelope.
            var (kind, message) = response.StatusCode switch
            {
                StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed => (ErrorKind.NotFound, "No such route."),
                StatusCodes.Status413PayloadTooLarge => (ErrorKind.PayloadTooLarge, "The request body is larger than 1 MiB."),
                StatusCodes.Status415UnsupportedMediaType => (ErrorKind.UnsupportedMediaType, ErrorHandlingMiddleware.UnsupportedMediaTypeMessage),
                StatusCodes.Status400BadRequest => (ErrorKind.MalformedRequest, "The request is malformed."),
                _ => ((ErrorKind?)null, ""),
            };
            if (kind is { } known)
            {
                await ErrorWriter.WriteAsync(context.HttpContext, known, message, null);
            }
        });
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseLayersOpenApi();
        app.UseRouting();
        app.UseMiddleware<AccessMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseMiddleware<TypedBodyCheck>();

        app.MapHealthApi();
        app.MapAdminApi();
        app.MapOrganizationApi();
        app.MapProjectsApi();
        app.MapSandbox();
        app.MapMediaProxy();
        app.MapSocialAccountsApi();
        app.MapLeasingApi();
        app.MapEventsApi();
        app.MapPublishingApi();
        app.MapWebhooksApi();
        return app;
    }
}
