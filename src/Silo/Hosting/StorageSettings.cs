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

    /// <summary>The session settings of Orleans' connections (see <see cref="GenericPlans"/>).</summary>
    public const string OrleansOptions = "-c plan_cache_mode=force_generic_plan -c enable_seqscan=off";

    /// <summary>The name the service's own connections (listing, events, journal, queues) give PostgreSQL.</summary>
    public const string ServiceApplicationName = "layers";

    /// <summary>The name the connections of Orleans' providers (membership, grain state, reminders) give PostgreSQL.</summary>
    public const string OrleansApplicationName = "layers-orleans";

    public bool IsTrial => string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>
    /// The connection string of Orleans' providers. Npgsql keeps one pool per connection string, and the service's own
    /// data source has a pool of its own too; named apart, the two are told apart in <c>pg_stat_activity</c> and in
    /// Npgsql's pool metrics (under one name, each pool's figures overwrote the other's). A name the connection
    /// string gives itself is kept.
    /// </summary>
    public string? OrleansConnectionString
    {
        get => _orleansConnectionString ?? ConnectionString;
        init => _orleansConnectionString = value;
    }

    private readonly string? _orleansConnectionString;

    public static StorageSettings From(IConfiguration configuration)
    {
        var tuned = Tuned(configuration.GetConnectionString(ConnectionStringName));
        return new(Named(tuned, ServiceApplicationName)) { OrleansConnectionString = GenericPlans(Named(tuned, OrleansApplicationName)) };
    }

    /// <summary>
    /// Orleans' statements get generic plans that look rows up by their index. Grain state is partitioned by kind
    /// (migration 0017), so PostgreSQL's choice between a statement's generic plan (every partition, pruned at
    /// execution) and one made for each execution's values (one partition) fell on the latter for the state write:
    /// every write of every grain was planned again. Its statements are all lookups by key or range, which the generic
    /// plans serve as well, but a generic plan is made once per connection, from the statistics of that moment: made
    /// while the schedule batches' partition (grain state then) was small, it read the whole partition for each batch's
    /// delete, and went on doing so as the partition grew between two vacuums (241 pages a delete, a third of
    /// PostgreSQL's time per schedule request, with half a million posts queued). With sequential scans ruled out, every one of these
    /// statements goes through the key or range index it has (and no other index is a candidate for a key: migration
    /// 0018). Options the connection string gives itself are kept.
    /// </summary>
    private static string? GenericPlans(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString) || Written(connectionString).Contains("Options"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Options = OrleansOptions }.ConnectionString;
    }

    private static string? Named(string? connectionString, string name)
    {
        if (string.IsNullOrWhiteSpace(connectionString) || Written(connectionString).Contains("ApplicationName"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString;
    }

    /// <summary>The keys a connection string writes (the Npgsql builder reports every keyword it knows as present).</summary>
    private static HashSet<string> Written(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);

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

        var written = Written(connectionString);
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
