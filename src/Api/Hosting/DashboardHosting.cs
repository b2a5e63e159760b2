using Layers.Silo.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Layers.Api.Hosting;

/// <summary>The Orleans Dashboard at <c>/dashboard</c>, for the operator only.</summary>
public static class DashboardHosting
{
    public const string Path = "/dashboard";

    public static WebApplication UseLayersDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Dashboard)
        {
            return app;
        }

        app.UseMiddleware<DashboardAccessMiddleware>();
        app.MapOrleansDashboard(Path).ExcludeFromDescription();
        return app;
    }
}
