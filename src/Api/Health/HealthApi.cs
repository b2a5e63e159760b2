using Layers.Api.OpenApi;
using Layers.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Layers.Api.Health;

/// <summary><c>/healthz</c>: the process is up. <c>/readyz</c>: storage and cluster answer.</summary>
public static class HealthApi
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", Liveness).WithTags("Health")
            .Describe("getLiveness", "Liveness: the process is up");
        routes.MapGet("/readyz", ReadyAsync).WithTags("Health")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .Describe("getReadiness", "Readiness: storage and cluster answer", "`503` with the failing checks while they do not.");
        return routes;
    }

    /// <returns>The process is up.</returns>
    public static Ok<HealthResponse> Liveness() => TypedResults.Ok(new HealthResponse("ok", null));

    /// <returns>Storage and cluster answer.</returns>
    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> ReadyAsync(
        IServiceProvider services, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);

        if (services.GetService<NpgsqlDataSource>() is { } dataSource)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(timeout.Token);
                checks["storage"] = "ok";
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
            {
                checks["storage"] = "unreachable";
            }
        }
        else
        {
            checks["storage"] = "memory";
        }

        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, timeout.Token);
            checks["cluster"] = hosts.Count > 0 ? "ok" : "no active silo";
        }
        catch (Exception e) when (e is OrleansException or OperationCanceledException or TimeoutException)
        {
            checks["cluster"] = "unreachable";
        }

        var ready = checks.Values.All(v => v is "ok" or "memory");
        var response = new HealthResponse(ready ? "ready" : "unavailable", checks);
        return ready ? TypedResults.Ok(response) : TypedResults.Json(response, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>Whether the process, or the service behind it, can take requests.</summary>
/// <param name="Status">`ok` (liveness), `ready` or `unavailable` (readiness).</param>
/// <param name="Checks">
/// Readiness only: `storage` is `ok`, `memory` (trial mode) or `unreachable`; `cluster` is `ok`, `no active silo` or
/// `unreachable`. Null for liveness.
/// </param>
public sealed record HealthResponse([property: OneOf("ok", "ready", "unavailable")] string Status, IReadOnlyDictionary<string, string>? Checks);
