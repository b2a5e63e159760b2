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

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!builder.ContainsKey("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
