using System.Text.Json;
using Layers.Common;
using Layers.Projects;
using Layers.SocialAccounts;
using Npgsql;
using NpgsqlTypes;

namespace Layers.Silo.Storage;

/// <summary>A project's accounts in PostgreSQL (<c>layers_account_views</c>), written by group commit.</summary>
public sealed class PostgresAccountViewStore(NpgsqlDataSource dataSource, PostgresGroupCommit commits) : IAccountViewStore
{
    public async Task ClaimAsync(Guid projectId, string socialAccountId, string userKey, long joined, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO layers_account_views (social_account_id, project_id, joined, user_key) VALUES ($1, $2, $3, $4)
            ON CONFLICT (social_account_id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = socialAccountId });
        command.Parameters.Add(new NpgsqlParameter { Value = projectId });
        command.Parameters.Add(new NpgsqlParameter { Value = joined });
        command.Parameters.Add(new NpgsqlParameter { Value = userKey });
        await commits.ExecuteAsync(command, cancellationToken);
    }

    public async Task UpsertAsync(Guid projectId, SocialAccountView view, long joined, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO layers_account_views AS a (social_account_id, project_id, view, joined, user_key) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (social_account_id) DO UPDATE
                SET project_id = EXCLUDED.project_id, view = EXCLUDED.view, user_key = EXCLUDED.user_key,
                    joined = coalesce(a.joined, EXCLUDED.joined)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = view.SocialAccountId });
        command.Parameters.Add(new NpgsqlParameter { Value = projectId });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(view, WireJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = joined });
        command.Parameters.Add(new NpgsqlParameter { Value = view.UserKey() });
        await commits.ExecuteAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ProjectAccountRecord>> LoadAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT social_account_id, user_key, joined, view::text FROM layers_account_views WHERE project_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = projectId });
        var accounts = new List<ProjectAccountRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var view = reader.IsDBNull(3) ? null : JsonSerializer.Deserialize<SocialAccountView>(reader.GetString(3), WireJson.Options)!;
            // A row stored before users were kept has its view, which names its user.
            var userKey = reader.IsDBNull(1) ? view!.UserKey() : reader.GetString(1);
            accounts.Add(new ProjectAccountRecord(reader.GetString(0), userKey, reader.IsDBNull(2) ? null : reader.GetInt64(2), view));
        }

        return accounts;
    }
}
