using Layers.Publishing;
using Layers.Silo.Hosting;
using Layers.Silo.Storage;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Layers.Tests.Foundation;

/// <summary>
/// Schedule requests' batches on PostgreSQL: stored once under their key, by group commit; a commit run again for the
/// same request finds its own batch, another request's is refused; found by age; and those a crash left in grain state
/// before the upgrade moved to their own table.
/// </summary>
public sealed class ScheduleBatchStoreTests : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync() => _dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task ABatchIsStoredOnceUnderItsKeyChangedReadAndRemoved()
    {
        await MigrateAsync();
        await using var commits = new PostgresGroupCommit(_dataSource);
        var store = Store(commits, "layers");
        var batch = Batch("sbr_first", "sp_key", "sp_second");

        Assert.True(await store.AddAsync("sp_key", batch, CancellationToken.None));
        // The same request's add run again (its answer lost) finds its own batch; another request's is refused.
        Assert.True(await store.AddAsync("sp_key", batch, CancellationToken.None));
        Assert.False(await store.AddAsync("sp_key", Batch("sbr_other", "sp_key"), CancellationToken.None));
        // Another service's batches are its own.
        Assert.True(await Store(commits, "other-service").AddAsync("sp_key", Batch("sbr_other", "sp_key"), CancellationToken.None));

        var read = await store.ReadAsync("sp_key", CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal("sbr_first", read.RequestId);
        Assert.Equal(["sp_key", "sp_second"], read.Posts.Select(p => p.PostId));
        Assert.Equal("sbr_first", read.Posts[1].Draft.BatchId);
        Assert.False(read.Rejected);

        read.Rejected = true;
        await store.UpdateAsync("sp_key", read, CancellationToken.None);
        Assert.True((await store.ReadAsync("sp_key", CancellationToken.None))!.Rejected);

        await store.RemoveAsync("sp_key", CancellationToken.None);
        Assert.Null(await store.ReadAsync("sp_key", CancellationToken.None));
        Assert.NotNull(await Store(commits, "other-service").ReadAsync("sp_key", CancellationToken.None));
        // The key can be used again once its batch is gone.
        Assert.True(await store.AddAsync("sp_key", Batch("sbr_later", "sp_key"), CancellationToken.None));
    }

    [Fact]
    public async Task BatchesOlderThanAskedAreFoundOldestFirstAndOnlyTheServicesOwn()
    {
        await MigrateAsync();
        await using var commits = new PostgresGroupCommit(_dataSource);
        var store = Store(commits, "layers");
        foreach (var key in new[] { "sp_new", "sp_old", "sp_older" })
        {
            Assert.True(await store.AddAsync(key, Batch($"sbr_{key}", key), CancellationToken.None));
        }

        Assert.True(await Store(commits, "other-service").AddAsync("sp_elsewhere", Batch("sbr_elsewhere", "sp_elsewhere"), CancellationToken.None));
        await StoredRows.ExecuteAsync(_dataSource, """
            UPDATE layers_schedule_batches SET created_at = now() - CASE batch_id WHEN 'sp_old' THEN interval '2 minutes' ELSE interval '3 minutes' END
            WHERE batch_id <> 'sp_new'
            """);

        Assert.Equal(["sp_older", "sp_old"], await store.OlderThanAsync(TimeSpan.FromMinutes(1), 10, CancellationToken.None));
        Assert.Equal(["sp_older"], await store.OlderThanAsync(TimeSpan.FromMinutes(1), 1, CancellationToken.None));
        Assert.Empty(await store.OlderThanAsync(TimeSpan.FromMinutes(5), 10, CancellationToken.None));
    }

    [Fact]
    public async Task ABatchACrashLeftInGrainStateBeforeTheUpgradeIsFoundInItsOwnTableAfterIt()
    {
        await MigrateAsync(throughVersion: 18);
        var left = Batch("sbr_before", "sp_left", "sp_left_2");
        left.RequestId = null;
        await StoredRows.ExecuteAsync(_dataSource, """
            INSERT INTO orleans_grain_state (service_id, grain_type, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_extension, payload, version, created_at)
            VALUES ('layers', 'schedulebatch', 7, 42, 0, 0, 'sp_left', $1, 1, now() - interval '10 minutes')
            """, LayersHosting.GrainStateSerializer.Serialize(left).ToArray());

        await MigrateAsync();

        await using var commits = new PostgresGroupCommit(_dataSource);
        var store = Store(commits, "layers");
        Assert.Equal(["sp_left"], await store.OlderThanAsync(TimeSpan.FromMinutes(1), 10, CancellationToken.None));
        var moved = await store.ReadAsync("sp_left", CancellationToken.None);
        Assert.Equal(["sp_left", "sp_left_2"], moved!.Posts.Select(p => p.PostId));
        Assert.True(await store.AddAsync("sp_left", Batch("sbr_before", "sp_left"), CancellationToken.None));
        Assert.False(await store.AddAsync("sp_left", Batch("sbr_another", "sp_left"), CancellationToken.None));
        Assert.Equal(0, await StoredRows.CountAsync(_dataSource, "SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'schedulebatch'"));
    }

    /// <summary>
    /// The index on age serves only the look by age: no statement by key can take it, even where its key's index is not
    /// to be had (a plan made while the churn's dead entries swelled both indexes took it for the removal once, and each
    /// removal read every entry of the service). The table's vacuum keeps its empty last pages, which the next rows use.
    /// </summary>
    [Fact]
    public async Task StatementsByKeyCannotTakeTheIndexOnAgeAndVacuumLeavesTheEmptyPages()
    {
        await MigrateAsync();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setUp = new NpgsqlCommand("""
            ALTER TABLE layers_schedule_batches DROP CONSTRAINT layers_schedule_batches_pkey;
            SET LOCAL enable_seqscan = off;
            """, connection, transaction))
        {
            await setUp.ExecuteNonQueryAsync();
        }

        foreach (var sql in new[]
        {
            "SELECT payload FROM layers_schedule_batches WHERE service_id = 'layers' AND batch_id = 'sp_key'",
            "UPDATE layers_schedule_batches SET payload = '\\x00' WHERE service_id = 'layers' AND batch_id = 'sp_key'",
            "DELETE FROM layers_schedule_batches WHERE service_id = 'layers' AND batch_id = 'sp_key'",
        })
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection, transaction);
            var plan = await StoredRows.FirstColumnAsync(explain);
            Assert.DoesNotContain(plan, line => line.Contains("layers_schedule_batches_age_ix", StringComparison.Ordinal));
        }

        await transaction.RollbackAsync();
        await using var options = new NpgsqlCommand("SELECT reloptions FROM pg_class WHERE relname = 'layers_schedule_batches'", connection);
        Assert.Contains("vacuum_truncate=false", (string[])(await options.ExecuteScalarAsync())!);
    }

    private Task MigrateAsync(int throughVersion = int.MaxValue) =>
        new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync(throughVersion, CancellationToken.None);

    private PostgresScheduleBatchStore Store(PostgresGroupCommit commits, string serviceId) =>
        new(_dataSource, commits, Options.Create(new ClusterOptions { ServiceId = serviceId }));

    private static ScheduleBatchState Batch(string requestId, params string[] postIds) => new()
    {
        OrganizationId = "org_batches",
        RequestId = requestId,
        Posts = [.. postIds.Select(id => new BatchPost(id, new PostDraft(
            "org_batches", Guid.NewGuid(), "ct_batches", "sa_batches", "tiktok", "direct_publish",
            new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero), "caption", [], BatchId: requestId)))],
    };
}
