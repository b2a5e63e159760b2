using System.Net.Http.Json;
using Layers.Projects;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Layers.Tests.Publishing;

/// <summary>Archiving is stored first and its drain finished by a reminder, so a drain cut short still cancels every queued post.</summary>
public sealed class ArchiveRecoveryTests
{
    [Fact]
    public async Task AnArchiveWhoseDrainWasCutShortIsFinishedByTheProjectsReminder()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var service = new LayersFactory(database).Start();
        var tenant = await TestTenant.CreateAsync(service);
        var driver = await PublishingDriver.CreateAsync(service, tenant);
        var accountId = await driver.ConnectAsync("tiktok", $"archive.{Guid.NewGuid().ToString("N")[..6]}");
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var posts = await driver.ScheduleAsync(content, DateTimeOffset.UtcNow.AddDays(3), new { socialAccountId = accountId }, new { socialAccountId = accountId });
        await using var dataSource = NpgsqlDataSource.Create(database);

        // The listing the drain pages through is away: the archive is stored, the drain stops half-way.
        await StoredRows.ExecuteAsync(dataSource, "ALTER TABLE layers_scheduled_posts RENAME TO layers_scheduled_posts_away");
        using (var archive = await tenant.Client.PatchAsJsonAsync($"/v1/projects/{driver.ProjectId}", new { status = "archived" }))
        {
            Assert.False(archive.IsSuccessStatusCode);
        }

        await StoredRows.ExecuteAsync(dataSource, "ALTER TABLE layers_scheduled_posts_away RENAME TO layers_scheduled_posts");
        Assert.Equal("archived", (await tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}")).GetProperty("status").GetString());
        foreach (var id in posts)
        {
            Assert.Equal("queued", (await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}")).GetProperty("status").GetString());
        }

        Assert.Equal(1, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'archive'"));

        // The reminder's tick.
        var grains = service.Services.GetRequiredService<IGrainFactory>();
        var project = grains.GetGrain<IProjectGrain>(Guid.Parse(driver.ProjectId));
        await grains.GetGrain<IRemindable>(project.GetGrainId()).ReceiveReminder("archive", default);

        foreach (var id in posts)
        {
            var post = await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}");
            Assert.Equal("canceled", post.GetProperty("status").GetString());
            Assert.Equal("project_archived", post.GetProperty("cancelReason").GetString());
        }

        Assert.Equal(0, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'archive'"));
    }
}
