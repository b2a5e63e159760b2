using System.Text.Json;
using Layers.Common;
using Layers.Projects;
using Layers.SocialAccounts;
using Npgsql;
using NpgsqlTypes;

namespace Layers.Silo.Storage;

/// <summary>Account views in PostgreSQL (<c>layers_account_views</c>), written by group commit.</summary>
public sealed class PostgresAccountViewStore(NpgsqlDataSource dataSource, PostgresGroupCommit commits) : IAccountViewStore
{
    public async Task UpsertAsync(Guid projectId, SocialAccountView view, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO layers_account_views (social_account_id, project_id, view) VALUES ($1, $2, $3)
            ON CONFLICT (social_account_id) DO UPDATE SET project_id = EXCLUDED.project_id, view = EXCLUDED.view
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = view.SocialAccountId });
        command.Parameters.Add(new NpgsqlParameter { Value = projectId });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(view, WireJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await commits.ExecuteAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<SocialAccountView>> LoadAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT view::text FROM layers_account_views WHERE project_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = projectId });
        var views = new List<SocialAccountView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            views.Add(JsonSerializer.Deserialize<SocialAccountView>(reader.GetString(0), WireJson.Options)!);
        }

        return views;
    }
}
