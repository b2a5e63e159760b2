using System.Net.Http.Json;
using Layers.Publishing;
using Layers.Silo.Storage;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Layers.Tests.Publishing;

/// <summary>
/// At-most-once across a crash: a post whose hand-off the journal recorded, but whose state never learned what came
/// of it, may be on the platform already. It fails as outcome unknown and is never handed over again.
/// </summary>
public sealed class HandOffRecoveryTests
{
    [Fact]
    public async Task AHandOffRecordedButNotStoredFailsAsOutcomeUnknownAndTheOthersStillGo()
    {
        var (database, service, tenant, driver, handle, accountId, content) = await StartWithAccountAsync("journal");
        await using var _ = service;
        // Due in three minutes: no timer is set yet, and an activation already looks in the journal.
        var due = DateTimeOffset.UtcNow.AddMinutes(3);
        var posts = await driver.ScheduleAsync(content, due, Enumerable.Range(0, 3).Select(_ => (object)new { socialAccountId = accountId }).ToArray());
        var (cutShort, neverTried, postponed) = (posts[0], posts[1], posts[2]);

        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await using (var journal = new PostgresHandOffJournal(dataSource))
            {
                // What a crash leaves between recording the hand-off and storing the platform's answer.
                await journal.RecordAsync(new HandOffRecord(cutShort, accountId, 1, due), CancellationToken.None);
                // A post the platform asked to wait: its state stored the attempt the journal recorded.
                await journal.RecordAsync(new HandOffRecord(postponed, accountId, 1, due), CancellationToken.None);
            }

            await StoredRows.ChangeGrainStateAsync(dataSource, "scheduledpost", postponed, post => post["Attempts"] = 1);
        }

        // Every grain loses what it held in memory, as in a crash; stored state and records remain.
        await service.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var failed = await driver.SettledAsync(cutShort, TimeSpan.FromSeconds(30));
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("PUBLISH_OUTCOME_UNKNOWN", failed.GetProperty("lastError").GetProperty("code").GetString());
        // The attempt's time is the journal's.
        Assert.True((failed.GetProperty("attemptedAt").GetDateTimeOffset() - due).Duration() < TimeSpan.FromSeconds(1));

        // The two others were not cut short: moved up to now, both go, once each.
        foreach (var id in new[] { neverTried, postponed })
        {
            using var moved = await tenant.Client.PostAsJsonAsync($"/v1/scheduled-posts/{id}/reschedule", new { scheduledFor = DateTimeOffset.UtcNow.AddSeconds(1) });
            moved.EnsureSuccessStatusCode();
        }

        foreach (var id in new[] { neverTried, postponed })
        {
            Assert.Equal("published", (await driver.SettledAsync(id)).GetProperty("status").GetString());
        }

        Assert.Equal(2, (await driver.PublishedAtSandboxAsync("tiktok", handle)).Count);
        Assert.Equal(0, (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("queuedPosts").GetInt32());
    }

    [Fact]
    public async Task AnInstagramHandOffCutShortBeforeItsContainerWasStoredGoesAgainAndPublishesOnce()
    {
        var (database, service, tenant, driver, handle, accountId, content) = await StartWithAccountAsync("container", "instagram");
        await using var _ = service;
        var due = DateTimeOffset.UtcNow.AddMinutes(3);
        var post = (await driver.ScheduleAsync(content, due, new { socialAccountId = accountId })).Single();
        await using (var dataSource = NpgsqlDataSource.Create(database))
        await using (var journal = new PostgresHandOffJournal(dataSource))
        {
            // A crash between recording the hand-off and storing the container id: an unpublished container is
            // invisible and expires, so Instagram offers a safe way on where TikTok offers none.
            await journal.RecordAsync(new HandOffRecord(post, accountId, 1, due), CancellationToken.None);
        }

        await service.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        using (var moved = await tenant.Client.PostAsJsonAsync($"/v1/scheduled-posts/{post}/reschedule", new { scheduledFor = DateTimeOffset.UtcNow.AddSeconds(1) }))
        {
            moved.EnsureSuccessStatusCode();
        }

        var settled = await driver.SettledAsync(post);
        Assert.Equal("published", settled.GetProperty("status").GetString());
        Assert.Single(await driver.PublishedAtSandboxAsync("instagram", handle));
    }

    [Fact]
    public async Task AHandOffThatCannotBeRecordedIsNotSentAndGoesOnceTheJournalIsBack()
    {
        var (database, service, tenant, driver, handle, accountId, content) = await StartWithAccountAsync("unrecorded");
        await using var _ = service;
        await using var dataSource = NpgsqlDataSource.Create(database);
        await StoredRows.ExecuteAsync(dataSource, "ALTER TABLE layers_hand_offs RENAME TO layers_hand_offs_away");

        var post = (await driver.ScheduleAsync(content, DateTimeOffset.UtcNow.AddSeconds(2), new { socialAccountId = accountId })).Single();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!service.Logs.Lines.Any(line => line.Contains($"Hand-off of post {post} not recorded", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // The record failed, so the platform was not called and the post is back in its account's queue.
        Assert.Contains(service.Logs.Lines, line => line.Contains($"Hand-off of post {post} not recorded", StringComparison.Ordinal));
        Assert.Equal("queued", (await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{post}")).GetProperty("status").GetString());
        Assert.Empty(await driver.PublishedAtSandboxAsync("tiktok", handle));
        Assert.Equal(1, (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("queuedPosts").GetInt32());

        await StoredRows.ExecuteAsync(dataSource, "ALTER TABLE layers_hand_offs_away RENAME TO layers_hand_offs");
        Assert.Equal("published", (await driver.SettledAsync(post)).GetProperty("status").GetString());
        Assert.Single(await driver.PublishedAtSandboxAsync("tiktok", handle));
        Assert.Equal(0, (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("queuedPosts").GetInt32());
    }

    /// <summary>A service on a database of its own, with a tenant, a connected TikTok account and a video to post.</summary>
    private static async Task<(string Database, LayersFactory Service, TestTenant Tenant, PublishingDriver Driver, string Handle, string AccountId, string Content)>
        StartWithAccountAsync(string handlePrefix, string platform = "tiktok")
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var service = new LayersFactory(database).Start();
        var tenant = await TestTenant.CreateAsync(service);
        var driver = await PublishingDriver.CreateAsync(service, tenant);
        var handle = $"{handlePrefix}.{Guid.NewGuid().ToString("N")[..6]}";
        var accountId = await driver.ConnectAsync(platform, handle);
        return (database, service, tenant, driver, handle, accountId, await driver.ContentAsync(PublishingDriver.Video));
    }
}
