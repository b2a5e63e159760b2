using System.Text.Json;
using Layers.Common;
using Layers.Publishing;
using Npgsql;
using NpgsqlTypes;

namespace Layers.Silo.Storage;

/// <summary>
/// The post listing in PostgreSQL (<c>layers_scheduled_posts</c>); a row only moves to a higher version. Rows are
/// written by group commit with the other posts' rows waiting at the same moment.
/// </summary>
public sealed class PostgresPostReadModel(NpgsqlDataSource dataSource, PostgresGroupCommit commits) : IPostReadModel
{
    public async Task UpsertAsync(ScheduledPostView view, long version, DateTimeOffset? followUpAt, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO layers_scheduled_posts (post_id, project_id, social_account_id, status, scheduled_for, version, view, follow_up_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (post_id) DO UPDATE SET
                status = EXCLUDED.status, scheduled_for = EXCLUDED.scheduled_for, version = EXCLUDED.version, view = EXCLUDED.view,
                follow_up_at = EXCLUDED.follow_up_at
            WHERE layers_scheduled_posts.version < EXCLUDED.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = view.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = view.ProjectId });
        command.Parameters.Add(new NpgsqlParameter { Value = view.SocialAccountId });
        command.Parameters.Add(new NpgsqlParameter { Value = view.Status });
        command.Parameters.Add(new NpgsqlParameter { Value = view.ScheduledFor.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(view, WireJson.Options), NpgsqlDbType = NpgsqlDbType.Json });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)followUpAt?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await commits.ExecuteAsync(command, cancellationToken);
    }

    public async Task MarkCanceledAsync(IReadOnlyCollection<string> postIds, string reason, DateTimeOffset canceledAt, CancellationToken cancellationToken)
    {
        // The version stays: the post's own row, written when its grain cancels, still replaces this one.
        await using var command = dataSource.CreateCommand("""
            UPDATE layers_scheduled_posts
            SET status = 'canceled', follow_up_at = NULL,
                view = (view::jsonb || jsonb_build_object('status', 'canceled', 'canceledAt', $2::text, 'cancelReason', $3::text))::json
            WHERE post_id = ANY($1) AND status = 'queued'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = postIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = WireJson.Format(canceledAt), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = reason, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ListedPost>> ToWakeAsync(DateTimeOffset now, DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        // One range scan of the partial index on the due times of queued and publishing posts (migration 0011): a post
        // being handed off fell due before now, so the bound holds for it too, and no other row is read. Queued posts
        // come first (they are the ones with a hand-off ahead), those not yet due before the overdue ones.
        await using var command = dataSource.CreateCommand("""
            SELECT post_id, version FROM layers_scheduled_posts
            WHERE status IN ('queued', 'publishing') AND scheduled_for < $1
            ORDER BY status = 'queued' DESC, scheduled_for < $3, scheduled_for
            LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = until.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await ListedAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ListedPost>> FollowUpsDueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        // A range scan of the partial index on the follow-up times of published posts (migrations 0012, 0016).
        await using var command = dataSource.CreateCommand("SELECT post_id, version FROM layers_scheduled_posts WHERE follow_up_at < $1 ORDER BY follow_up_at LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = until.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ListedAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<ListedPost>> ListedAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var posts = new List<ListedPost>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            posts.Add(new ListedPost(reader.GetString(0), reader.GetInt64(1)));
        }

        return posts;
    }

    public async Task<Page<ScheduledPostView>> ListAsync(Guid projectId, PostQuery query, string? after, int limit, CancellationToken cancellationToken)
    {
        DateTimeOffset? afterTime = null;
        string? afterId = null;
        if (after is not null && PostListKey.TryParse(after, out var time, out var id))
        {
            afterTime = time;
            afterId = id;
        }

        await using var command = dataSource.CreateCommand("""
            SELECT view::text FROM layers_scheduled_posts
            WHERE project_id = $1
              AND (cardinality($2::text[]) = 0 OR status = ANY($2))
              AND ($3::text IS NULL OR social_account_id = $3)
              AND ($4::timestamptz IS NULL OR scheduled_for >= $4)
              AND ($5::timestamptz IS NULL OR scheduled_for < $5)
              AND ($6::timestamptz IS NULL OR (scheduled_for, post_id) < ($6, $7))
            ORDER BY scheduled_for DESC, post_id DESC
            LIMIT $8
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = projectId });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Statuses.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.SocialAccountId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Since?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Until?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<ScheduledPostView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize<ScheduledPostView>(reader.GetString(0), WireJson.Options)!);
        }

        return items.Count > limit
            ? new Page<ScheduledPostView>(items[..limit], PostListKey.Of(items[limit - 1]))
            : new Page<ScheduledPostView>(items, null);
    }
}
