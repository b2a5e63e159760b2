using Layers.SocialAccounts;
using Npgsql;

namespace Layers.Silo.Storage;

/// <summary>Account queues in PostgreSQL (<c>layers_account_queue</c>); joins and departures go by group commit.</summary>
public sealed class PostgresAccountQueueStore(NpgsqlDataSource dataSource, PostgresGroupCommit commits) : IAccountQueueStore
{
    public Task AddAsync(string socialAccountId, string scheduledPostId, CancellationToken cancellationToken) =>
        commits.ExecuteAsync(PostgresGroupCommit.Statement(
            "INSERT INTO layers_account_queue (social_account_id, scheduled_post_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            socialAccountId, scheduledPostId), cancellationToken);

    public Task RemoveAsync(string socialAccountId, string scheduledPostId, CancellationToken cancellationToken) =>
        commits.ExecuteAsync(PostgresGroupCommit.Statement(
            "DELETE FROM layers_account_queue WHERE social_account_id = $1 AND scheduled_post_id = $2",
            socialAccountId, scheduledPostId), cancellationToken);

    public Task ClearAsync(string socialAccountId, CancellationToken cancellationToken) =>
        commits.ExecuteAsync(PostgresGroupCommit.Statement("DELETE FROM layers_account_queue WHERE social_account_id = $1", socialAccountId), cancellationToken);

    public async Task<IReadOnlyList<string>> LoadAsync(string socialAccountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT scheduled_post_id FROM layers_account_queue WHERE social_account_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = socialAccountId });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
