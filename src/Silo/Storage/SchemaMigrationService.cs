using Microsoft.Extensions.Hosting;

namespace Layers.Silo.Storage;

/// <summary>Brings the PostgreSQL schema up to date before the silo starts.</summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
