using Layers.Publishing;
using Layers.Silo.Storage;
using Layers.Tests.Infrastructure;
using Npgsql;

namespace Layers.Tests.Foundation;

/// <summary>
/// The hand-off journal on PostgreSQL: hand-offs recorded at the same moment share a commit, each keeps only its
/// latest attempt, and each leaves its account's stored queue in the same transaction.
/// </summary>
public sealed class HandOffJournalTests : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync() => _dataSource = await TestPostgres.CreateMigratedDatabaseAsync();

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task HandOffsRecordedTogetherAreAllKeptAndLeaveTheirAccountsQueues()
    {
        var queues = new PostgresAccountQueueStore(_dataSource, new PostgresGroupCommit(_dataSource));
        var posts = Enumerable.Range(0, 600).Select(i => (Account: $"sa_{i % 7}", Post: $"sp_many_{i}")).ToList();
        foreach (var (account, post) in posts)
        {
            await queues.AddAsync(account, post, CancellationToken.None);
        }

        await queues.AddAsync("sa_0", "sp_still_queued", CancellationToken.None);
        var at = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        await using (var journal = new PostgresHandOffJournal(_dataSource))
        {
            // More at once than one commit takes, so several commits run side by side.
            await Task.WhenAll(posts.Select(p => journal.RecordAsync(new HandOffRecord(p.Post, p.Account, 1, at), CancellationToken.None)));
            Assert.Equal(new LastHandOff(1, at), await journal.FindAsync("sp_many_599", CancellationToken.None));
        }

        Assert.Equal(600L, await CountAsync("SELECT count(*) FROM layers_hand_offs WHERE attempt = 1"));
        Assert.Equal(["sp_still_queued"], await queues.LoadAsync("sa_0", CancellationToken.None));
        Assert.Empty(await queues.LoadAsync("sa_6", CancellationToken.None));
    }

    [Fact]
    public async Task AnAttemptIsNeverReplacedByAnEarlierOne()
    {
        await using var journal = new PostgresHandOffJournal(_dataSource);
        var first = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        Assert.Null(await journal.FindAsync("sp_again", CancellationToken.None));
        await journal.RecordAsync(new HandOffRecord("sp_again", "sa_x", 1, first), CancellationToken.None);
        await journal.RecordAsync(new HandOffRecord("sp_again", "sa_x", 2, first.AddMinutes(5)), CancellationToken.None);
        await journal.RecordAsync(new HandOffRecord("sp_again", "sa_x", 1, first.AddMinutes(9)), CancellationToken.None);

        Assert.Equal(new LastHandOff(2, first.AddMinutes(5)), await journal.FindAsync("sp_again", CancellationToken.None));
    }

    [Fact]
    public async Task AHandOffBatchLeavesAFullQueueByItsKeysNotByReadingTheWholeTable()
    {
        // 30,000 queued on 300 accounts, with fresh statistics: as a join on the departing keys, a batch of 500 was
        // planned as a hash of the whole table (79 ms where the keys take 2 ms), and a burst's hand-offs waited for it.
        await using (var fill = _dataSource.CreateCommand("""
            INSERT INTO layers_account_queue (social_account_id, scheduled_post_id)
            SELECT 'sa_full_' || (i % 300), 'sp_full_' || i FROM generate_series(1, 30000) AS i;
            ANALYZE layers_account_queue
            """))
        {
            await fill.ExecuteNonQueryAsync();
        }

        var departing = Enumerable.Range(1, 500).Select(i => i * 60).ToList();
        await using var explain = _dataSource.CreateCommand("EXPLAIN (FORMAT JSON) " + PostgresHandOffJournal.Dequeue);
        explain.Parameters.Add(new NpgsqlParameter { Value = departing.Select(i => $"sa_full_{i % 300}").ToArray() });
        explain.Parameters.Add(new NpgsqlParameter { Value = departing.Select(i => $"sp_full_{i}").ToArray() });
        var plan = (string)(await explain.ExecuteScalarAsync())!;

        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        Assert.Contains("layers_account_queue_pkey", plan, StringComparison.Ordinal);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
