using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Layers.Silo.Hosting;

/// <summary>
/// Where durable state lives. Without <c>ConnectionStrings:Layers</c> the service runs in trial mode: memory only.
/// </summary>
public sealed record StorageSettings(string? ConnectionString)
{
    public const string ConnectionStringName = "Layers";

    /// <summary>
    /// Statements the process sends this often are prepared once per connection and then only bound and executed
    /// (the grain storage, reminder and listing statements are the same few texts over and over).
    /// </summary>
    private const int AutoPreparedStatements = 64;

    public bool IsTrial => string.IsNullOrWhiteSpace(ConnectionString);

    public static StorageSettings From(IConfiguration configuration) =>
        new(Tuned(configuration.GetConnectionString(ConnectionStringName)));

    /// <summary>
    /// Turns on Npgsql's automatic preparation, and skips the session reset each pooled connection otherwise gets when
    /// handed out again (the service never changes session settings), unless the connection string says otherwise.
    /// </summary>
    private static string? Tuned(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        // The Npgsql builder reports every keyword it knows as present; the keys actually written are read plainly.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!written.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
