using Layers.Silo.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Layers.Api.Hosting;

/// <summary>
/// Prints where the service listens and, in trial mode, the loopback ports its silo chose and the generated operator
/// token (once, to the console only).
/// </summary>
internal sealed class StartupBanner(
    IServer server, IHostApplicationLifetime lifetime, StorageSettings storage, IOptions<LayersOptions> options,
    GeneratedAdminToken generated, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var baseUrl = addresses.FirstOrDefault() ?? options.Value.PublicBaseUrl;
            Console.WriteLine();
            Console.WriteLine($"Layers is running ({(storage.IsTrial ? "TRIAL MODE: in-memory, nothing survives a restart" : "PostgreSQL")}).");
            Console.WriteLine($"  API          {baseUrl}/v1");
            Console.WriteLine($"  Swagger UI   {baseUrl}/swagger");
            Console.WriteLine($"  OpenAPI      {baseUrl}/openapi/v1.json");
            Console.WriteLine($"  Health       {baseUrl}/healthz  {baseUrl}/readyz");
            if (storage.IsTrial)
            {
                var orleans = configuration.GetSection(OrleansHostingOptions.SectionName);
                Console.WriteLine($"  Orleans      silo 127.0.0.1:{orleans["SiloPort"]}, gateway 127.0.0.1:{orleans["GatewayPort"]} (loopback only)");
            }

            if (generated.Token is { } token)
            {
                Console.WriteLine($"  Operator token (generated for this run, shown once): {token}");
            }

            Console.WriteLine();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The operator token generated in trial mode when none is configured; null otherwise.</summary>
internal sealed record GeneratedAdminToken(string? Token);
