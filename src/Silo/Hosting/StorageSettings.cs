using Microsoft.Extensions.Configuration;

namespace Layers.Silo.Hosting;

/// <summary>
/// Where durable state lives. Without <c>ConnectionStrings:Layers</c> the service runs in trial mode: memory only.
/// </summary>
public sealed record StorageSettings(string? ConnectionString)
{
    public const string ConnectionStringName = "Layers";

    public bool IsTrial => string.IsNullOrWhiteSpace(ConnectionString);

    public static StorageSettings From(IConfiguration configuration) =>
        new(configuration.GetConnectionString(ConnectionStringName));
}
