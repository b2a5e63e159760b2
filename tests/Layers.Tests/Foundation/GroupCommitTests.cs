using Layers.Silo.Storage;
using Layers.Tests.Infrastructure;
using Npgsql;

namespace Layers.Tests.Foundation;

/// <summary>Statements handed in together are committed together, and each caller still gets its own answer.</summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        await using var create = _dataSource.CreateCommand("CREATE TABLE probe (id text PRIMARY KEY, n integer NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task ConcurrentStatementsAreAllCommittedAndEachCallerGetsItsOwnRowCount()
    {
        await using var commits = new PostgresGroupCommit(_dataSource);
        var ids = Enumerable.Range(0, 500).Select(i => $"row-{i}").ToList();

        // Every row inserted three times at once: exactly one insert per row takes effect.
        var counts = await Task.WhenAll(ids.SelectMany(id => Enumerable.Range(0, 3).Select(n => commits.ExecuteAsync(Insert(id, n), CancellationToken.None))));

        Assert.Equal(ids.Count, counts.Count(c => c == 1));
        Assert.Equal(2 * ids.Count, counts.Count(c => c == 0));
        Assert.Equal(ids.Count, await CountAsync());
    }

    [Fact]
    public async Task AFailingStatementFailsOnlyItsOwnCaller()
    {
        await using var commits = new PostgresGroupCommit(_dataSource);
        var before = await CountAsync();

        // The bad statement is handed in among good ones, so it usually shares their batch.
        var good = Enumerable.Range(0, 100).Select(i => commits.ExecuteAsync(Insert($"good-{i}", i), CancellationToken.None)).ToList();
        var bad = commits.ExecuteAsync(new NpgsqlBatchCommand("INSERT INTO probe (id, n) VALUES ('bad', NULL)"), CancellationToken.None);
        good.AddRange(Enumerable.Range(100, 100).Select(i => commits.ExecuteAsync(Insert($"good-{i}", i), CancellationToken.None)));

        var error = await Assert.ThrowsAsync<PostgresException>(() => bad);
        Assert.Equal(PostgresErrorCodes.NotNullViolation, error.SqlState);
        Assert.All(await Task.WhenAll(good), count => Assert.Equal(1, count));
        Assert.Equal(before + 200, await CountAsync());
    }

    [Fact]
    public async Task NothingIsTakenAfterDisposal()
    {
        var commits = new PostgresGroupCommit(_dataSource);
        Assert.Equal(1, await commits.ExecuteAsync(Insert("before-disposal", 1), CancellationToken.None));
        await commits.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => { _ = commits.ExecuteAsync(Insert("after-disposal", 1), CancellationToken.None); });
    }

    private static NpgsqlBatchCommand Insert(string id, int n)
    {
        var command = new NpgsqlBatchCommand("INSERT INTO probe (id, n) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = n });
        return command;
    }

    private async Task<long> CountAsync()
    {
        await using var count = _dataSource.CreateCommand("SELECT count(*) FROM probe");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
