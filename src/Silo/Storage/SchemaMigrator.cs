using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Layers.Silo.Storage;

/// <summary>
/// Applies the project's embedded PostgreSQL schema scripts (Storage/Migrations/NNNN_name.sql)
/// exactly once each, in version order, recording them in <c>layers_schema_migrations</c>.
/// All work happens in one transaction guarded by a transaction-scoped advisory lock, so
/// concurrent silos serialize and a repeated run is a no-op.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    /// <summary>Advisory lock key shared by every process that migrates this database ("Layers\0\1").</summary>
    public const long AdvisoryLockKey = 0x4C61_7965_7273_0001;

    private const string ResourceMarker = ".Storage.Migrations.";
    private const string ResourceExtension = ".sql";

    private const string CreateHistoryTableSql =
        """
        CREATE TABLE IF NOT EXISTS layers_schema_migrations
        (
            version    integer     PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private static readonly Action<ILogger, int, string, Exception?> LogApplying =
        LoggerMessage.Define<int, string>(
            LogLevel.Debug,
            new EventId(1, "ApplyingSchemaMigration"),
            "Applying schema migration {Version} {Name}");

    private static readonly Action<ILogger, int, string, Exception?> LogApplied =
        LoggerMessage.Define<int, string>(
            LogLevel.Information,
            new EventId(2, "AppliedSchemaMigration"),
            "Applied schema migration {Version} {Name}");

    private static readonly Action<ILogger, int, int, Exception?> LogUpToDate =
        LoggerMessage.Define<int, int>(
            LogLevel.Information,
            new EventId(3, "SchemaUpToDate"),
            "Database schema is up to date: {AppliedCount} of {KnownCount} migrations were already applied");

    private readonly NpgsqlDataSource _dataSource = dataSource;
    private readonly ILogger<SchemaMigrator> _logger = logger;

    /// <summary>
    /// Applies every embedded migration that is not yet recorded, inside a single transaction.
    /// </summary>
    public Task ApplyAsync(CancellationToken cancellationToken) => ApplyAsync(int.MaxValue, cancellationToken);

    /// <summary>Applies the migrations not yet recorded up to and including <paramref name="throughVersion"/> (a schema as an earlier release left it).</summary>
    public async Task ApplyAsync(int throughVersion, CancellationToken cancellationToken)
    {
        var migrations = LoadMigrations().Where(m => m.Version <= throughVersion).ToList();

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", AdvisoryLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(CreateHistoryTableSql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM layers_schema_migrations", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var alreadyApplied = 0;
        foreach (var (version, name, sql) in migrations)
        {
            if (applied.Contains(version))
            {
                alreadyApplied++;
                continue;
            }

            LogApplying(_logger, version, name, null);

            // The script text comes from this assembly's embedded resources, never from input.
            await using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var command = new NpgsqlCommand(
                "INSERT INTO layers_schema_migrations (version, name) VALUES (@version, @name)",
                connection,
                transaction))
            {
                command.Parameters.AddWithValue("version", version);
                command.Parameters.AddWithValue("name", name);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            LogApplied(_logger, version, name, null);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        if (alreadyApplied == migrations.Count)
        {
            LogUpToDate(_logger, alreadyApplied, migrations.Count, null);
        }
    }

    /// <summary>
    /// Reads the embedded migration scripts, ordered by the numeric prefix of their file name.
    /// Resource names look like <c>{RootNamespace}.Storage.Migrations.0001_orleans_clustering.sql</c>;
    /// the version is the leading number and the name is the remainder without the extension.
    /// </summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> LoadMigrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<(int Version, string Name, string Sql)>();

        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            var markerIndex = resourceName.LastIndexOf(ResourceMarker, StringComparison.Ordinal);
            if (markerIndex < 0 || !resourceName.EndsWith(ResourceExtension, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var fileName = resourceName[(markerIndex + ResourceMarker.Length)..^ResourceExtension.Length];
            var (version, name) = ParseFileName(fileName, resourceName);
            migrations.Add((version, name, ReadResource(assembly, resourceName)));
        }

        migrations.Sort(static (left, right) => left.Version.CompareTo(right.Version));

        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Duplicate schema migration version {migrations[i].Version}: '{migrations[i - 1].Name}' and '{migrations[i].Name}'.");
            }
        }

        return migrations;
    }

    private static (int Version, string Name) ParseFileName(string fileName, string resourceName)
    {
        // MSBuild may prefix a leading digit with '_' when it turns a path into a resource name.
        var trimmed = fileName.TrimStart('_');
        var separator = trimmed.IndexOf('_', StringComparison.Ordinal);
        var number = separator < 0 ? trimmed : trimmed[..separator];

        if (number.Length == 0
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException(
                $"Embedded migration '{resourceName}' must be named NNNN_description.sql.");
        }

        var name = separator < 0 ? number : trimmed[(separator + 1)..];
        return (version, name);
    }

    private static string ReadResource(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded migration '{resourceName}' could not be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
