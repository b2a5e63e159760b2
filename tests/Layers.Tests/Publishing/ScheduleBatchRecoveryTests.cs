using System.Net.Http.Json;
using Layers.Publishing;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Layers.Tests.Publishing;

/// <summary>
/// All or nothing across a crash: a schedule request stores its batch before it makes any post and deletes it once
/// finished, and the wake-up of due posts resumes a batch a crash cut short (one stored more than a minute ago), so the
/// posts, their accounts' queues, the listing and a revoke's count agree again.
/// </summary>
public sealed class ScheduleBatchRecoveryTests
{
    [Fact]
    public async Task ARequestCutShortAfterSomePostsIsFinishedAndARevokeCountsEveryPost()
    {
        var (database, service, tenant, driver, accountId, content) = await StartAsync();
        await using var _ = service;
        await using var dataSource = NpgsqlDataSource.Create(database!);
        await KeepFinishedBatchesAsync(dataSource);
        var posts = await driver.ScheduleAsync(content, DateTimeOffset.UtcNow.AddDays(2),
            Enumerable.Range(0, 3).Select(_ => (object)new { socialAccountId = accountId }).ToArray());
        var (made, notQueued, neverMade) = (posts[0], posts[1], posts[2]);
        // A finished batch leaves no row, and a request sets no reminder.
        Assert.Equal(0, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE 'schedulebatch/%'"));
        Assert.Equal(0, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM layers_schedule_batches"));

        // What a crash half-way leaves: the batch stored and not finished; one post made; one stored without its
        // queue row or listing row; one never made.
        await RestoreBatchAsync(dataSource, made);
        await StoredRows.ExecuteAsync(dataSource, "DELETE FROM layers_account_queue WHERE scheduled_post_id = ANY($1)", (object)new[] { notQueued, neverMade });
        await StoredRows.ExecuteAsync(dataSource, "DELETE FROM layers_scheduled_posts WHERE post_id = ANY($1)", (object)new[] { notQueued, neverMade });
        await StoredRows.ExecuteAsync(dataSource, "DELETE FROM orleans_grain_state WHERE grain_type = 'scheduledpost' AND grain_id_extension = $1", neverMade);
        var grains = service.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(1, (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("queuedPosts").GetInt32());

        // A batch stored moments ago may belong to a request still running: the wake-up leaves it alone.
        var wakeUp = grains.GetGrain<IDuePostsGrain>(0);
        Assert.Equal(0, await wakeUp.ResumeUnfinishedBatchesAsync());
        Assert.Equal(1, (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("queuedPosts").GetInt32());

        // A minute on, the wake-up finds it and finishes the request.
        await AgeBatchAsync(dataSource, made);
        Assert.Equal(1, await wakeUp.ResumeUnfinishedBatchesAsync());

        foreach (var id in posts)
        {
            Assert.Equal("queued", (await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}")).GetProperty("status").GetString());
        }

        Assert.Equal(3, (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("queuedPosts").GetInt32());
        var listed = await tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}/scheduled-posts?status=queued");
        Assert.Equal(posts.Order(), listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).Order());
        Assert.Equal(0, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM layers_schedule_batches"));
        Assert.Equal(0, await wakeUp.ResumeUnfinishedBatchesAsync());

        var revoked = await (await tenant.Client.DeleteAsync($"/v1/social-accounts/{accountId}")).Json();
        Assert.Equal(3, revoked.GetProperty("canceledScheduledPosts").GetInt32());
    }

    [Fact]
    public async Task ARejectedRequestCutShortWhileTakingBackLeavesNoneOfItsPostsQueued()
    {
        var (database, service, tenant, driver, accountId, content) = await StartAsync();
        await using var _ = service;
        await using var dataSource = NpgsqlDataSource.Create(database!);
        await KeepFinishedBatchesAsync(dataSource);
        var posts = await driver.ScheduleAsync(content, DateTimeOffset.UtcNow.AddDays(2),
            Enumerable.Range(0, 2).Select(_ => (object)new { socialAccountId = accountId }).ToArray());

        // A post of the batch was refused and the crash came before the others were taken back.
        await RestoreBatchAsync(dataSource, posts[0]);
        await StoredRows.ExecuteAsync(dataSource, """
            UPDATE layers_schedule_batches
            SET payload = convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{Rejected}', 'true')::text, 'UTF8')
            WHERE batch_id = $1
            """, posts[0]);
        var grains = service.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await AgeBatchAsync(dataSource, posts[0]);
        Assert.Equal(1, await grains.GetGrain<IDuePostsGrain>(0).ResumeUnfinishedBatchesAsync());

        foreach (var id in posts)
        {
            var post = await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}");
            Assert.Equal("canceled", post.GetProperty("status").GetString());
            Assert.Equal("request_rejected", post.GetProperty("cancelReason").GetString());
        }

        Assert.Equal(0, (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("queuedPosts").GetInt32());
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("trial")]
    public async Task ARequestWithAPostIdOfAnotherRequestMakesNothingAndLeavesTheOtherPostAlone(string storage)
    {
        var (_, service, tenant, driver, accountId, content) = await StartAsync(trial: storage == "trial");
        await using var __ = service;
        var taken = (await driver.ScheduleAsync(content, DateTimeOffset.UtcNow.AddDays(2), new { socialAccountId = accountId })).Single();
        var fresh = Layers.Common.Ids.New("sp_", TimeProvider.System);

        using var response = await tenant.Client.PostAsJsonAsync($"/v1/content/{content}/schedule", new
        {
            scheduledFor = DateTimeOffset.UtcNow.AddDays(2),
            targets = new object[] { new { socialAccountId = accountId, scheduledPostId = fresh }, new { socialAccountId = accountId, scheduledPostId = taken } },
        });
        await response.AssertError(409, "CONFLICT");

        // The finished request sent again, with its own post id first (the batch that made it is gone): a conflict too.
        using var again = await tenant.Client.PostAsJsonAsync($"/v1/content/{content}/schedule", new
        {
            scheduledFor = DateTimeOffset.UtcNow.AddDays(5),
            targets = new object[] { new { socialAccountId = accountId, scheduledPostId = taken } },
        });
        await again.AssertError(409, "CONFLICT");

        var kept = await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{taken}");
        Assert.Equal("queued", kept.GetProperty("status").GetString());
        Assert.True(kept.GetProperty("scheduledFor").GetDateTimeOffset() < DateTimeOffset.UtcNow.AddDays(3));
        Assert.Equal("canceled", (await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{fresh}")).GetProperty("status").GetString());
        Assert.Equal(1, (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("queuedPosts").GetInt32());
    }

    /// <summary>Copies each batch row aside as it is deleted, so a test can put back what a crash before the delete leaves.</summary>
    private static Task KeepFinishedBatchesAsync(NpgsqlDataSource dataSource) => StoredRows.ExecuteAsync(dataSource, """
        CREATE TABLE kept_batches AS SELECT * FROM layers_schedule_batches WITH NO DATA;
        CREATE FUNCTION keep_batch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO kept_batches SELECT OLD.*;
            RETURN OLD;
        END $$;
        CREATE TRIGGER keep_batch BEFORE DELETE ON layers_schedule_batches FOR EACH ROW EXECUTE FUNCTION keep_batch();
        """);

    private static Task RestoreBatchAsync(NpgsqlDataSource dataSource, string batchId) => StoredRows.ExecuteAsync(dataSource,
        "INSERT INTO layers_schedule_batches SELECT * FROM kept_batches WHERE batch_id = $1", batchId);

    /// <summary>The batch as a crash a minute ago left it: stored two minutes ago.</summary>
    private static Task AgeBatchAsync(NpgsqlDataSource dataSource, string batchId) => StoredRows.ExecuteAsync(dataSource,
        "UPDATE layers_schedule_batches SET created_at = now() - interval '2 minutes' WHERE batch_id = $1", batchId);

    /// <summary>The service on a fresh database, or in its zero-setup trial mode (grain state in memory).</summary>
    private static async Task<(string? Database, LayersFactory Service, TestTenant Tenant, PublishingDriver Driver, string AccountId, string Content)> StartAsync(bool trial = false)
    {
        var database = trial ? null : await TestPostgres.CreateDatabaseAsync();
        var service = new LayersFactory(database).Start();
        var tenant = await TestTenant.CreateAsync(service);
        var driver = await PublishingDriver.CreateAsync(service, tenant);
        var accountId = await driver.ConnectAsync("tiktok", $"batch.{Guid.NewGuid().ToString("N")[..6]}");
        return (database, service, tenant, driver, accountId, await driver.ContentAsync(PublishingDriver.Video));
    }
}
