using System.Net.Http.Json;
using Layers.Maintenance;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Layers.Tests.Foundation;

/// <summary>
/// The retention job on PostgreSQL: what is past its keep goes (events past 30 days, journal rows of settled posts,
/// expired idempotency records), what is still needed stays (recent events, the journal row of a post not settled,
/// a fresh idempotency record), and the job's reminder is set when the service starts.
/// </summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task APassDeletesWhatIsPastItsKeepAndNothingElse()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var service = new LayersFactory(database).Start();
        await using var dataSource = NpgsqlDataSource.Create(database);
        var tenant = await TestTenant.CreateAsync(service);
        var driver = await PublishingDriver.CreateAsync(service, tenant);
        var account = await driver.ConnectAsync("tiktok", $"keep.{Guid.NewGuid().ToString("N")[..6]}");
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var published = (await driver.ScheduleAsync(content, DateTimeOffset.UtcNow, new { socialAccountId = account })).Single();
        Assert.Equal("published", (await driver.SettledAsync(published)).GetProperty("status").GetString());
        var queued = (await driver.ScheduleAsync(content, DateTimeOffset.UtcNow.AddDays(2), new { socialAccountId = account })).Single();
        await IdempotentProjectAsync(tenant, "old-key");

        Assert.Equal(1, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE 'retention/%'"));

        // Age what a month of running leaves: the events so far, the published post's journal row (and one for the
        // queued post, whose state has not settled), the first idempotency record.
        var events = await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM layers_events");
        Assert.True(events >= 3);
        await StoredRows.ExecuteAsync(dataSource, "UPDATE layers_events SET created_at = now() - interval '31 days'");
        await StoredRows.ExecuteAsync(dataSource, "UPDATE layers_hand_offs SET handed_off_at = now() - interval '2 days'");
        await StoredRows.ExecuteAsync(dataSource,
            "INSERT INTO layers_hand_offs (scheduled_post_id, attempt, handed_off_at) VALUES ($1, 1, now() - interval '2 days')", queued);
        await StoredRows.ExecuteAsync(dataSource, "UPDATE orleans_grain_state SET created_at = now() - interval '26 hours', modified_at = now() - interval '26 hours' WHERE grain_type = 'idempotency'");
        // Finished webhook deliveries a month old (their log rows and states) go; one still pending stays.
        foreach (var (id, status) in new[] { ("whd_old_delivered", "delivered"), ("whd_old_failed", "failed"), ("whd_old_pending", "pending") })
        {
            await StoredRows.ExecuteAsync(dataSource, """
                INSERT INTO layers_webhook_deliveries (delivery_id, endpoint_id, organization_id, event_id, status, version, view)
                VALUES ($1, 'whe_x', $2, 'evt_x', $3, 1, jsonb_build_object('createdAt', to_char(now() - interval '31 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')))
                """, id, tenant.OrganizationId, status);
            await StoredRows.ExecuteAsync(dataSource, """
                INSERT INTO orleans_grain_state (service_id, grain_type, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1,
                    grain_id_extension, payload, version, created_at, modified_at)
                VALUES ('layers', 'webhookdelivery', 0, 0, 0, 0, $1, convert_to(jsonb_build_object('Status', $2::text)::text, 'UTF8'), 1,
                    now() - interval '31 days', now() - interval '31 days')
                """, id, status);
        }

        var fresh = await driver.ContentAsync(PublishingDriver.Video);
        var recent = (await driver.ScheduleAsync(fresh, DateTimeOffset.UtcNow.AddDays(3), new { socialAccountId = account })).Single();
        await IdempotentProjectAsync(tenant, "new-key");

        var report = await service.Services.GetRequiredService<IGrainFactory>().GetGrain<IRetentionGrain>(0).RunAsync();

        Assert.False(report.MoreLeft);
        Assert.Equal(events, report.Deleted["events"]);
        Assert.Equal(1, report.Deleted["hand_offs"]);
        Assert.Equal(1, report.Deleted["idempotency_records"]);
        Assert.Equal(0, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM layers_events WHERE created_at < now() - interval '30 days'"));
        Assert.Equal(1, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM layers_events WHERE data::jsonb ->> 'id' = $1", recent));
        Assert.Equal(0, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM layers_hand_offs WHERE scheduled_post_id = $1", published));
        Assert.Equal(1, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM layers_hand_offs WHERE scheduled_post_id = $1", queued));
        Assert.Equal(1, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'idempotency'"));
        Assert.Equal(2, report.Deleted["webhook_deliveries"]);
        Assert.Equal(2, report.Deleted["webhook_delivery_states"]);
        Assert.Equal(["whd_old_pending"], await IdsAsync(dataSource, "SELECT delivery_id FROM layers_webhook_deliveries WHERE delivery_id LIKE 'whd_old%'"));
        Assert.Equal(["whd_old_pending"], await IdsAsync(dataSource, "SELECT grain_id_extension FROM orleans_grain_state WHERE grain_id_extension LIKE 'whd_old%'"));

        // What the partner sees of the posts is untouched; a second pass finds nothing.
        Assert.Equal("published", (await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{published}")).GetProperty("status").GetString());
        Assert.Equal("queued", (await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{recent}")).GetProperty("status").GetString());
        var again = await service.Services.GetRequiredService<IGrainFactory>().GetGrain<IRetentionGrain>(0).RunAsync();
        Assert.All(again.Deleted.Values, n => Assert.Equal(0, n));
    }

    /// <summary>
    /// The statements that find grain-state rows by kind and age (the retention job's, the look for unfinished schedule
    /// requests) go through their kind's own index, not through the whole table, which holds every queued post's state.
    /// </summary>
    [Fact]
    public async Task LookupsOfGrainStateByKindAndAgeUseTheirKindsIndex()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using (new LayersFactory(database).Start())
        {
            // Started once: the schema is migrated.
        }

        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var noScan = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await noScan.ExecuteNonQueryAsync();
        }

        async Task<string> PlanAsync(string sql, params object[] values)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
            foreach (var value in values)
            {
                explain.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            return string.Join("\n", await StoredRows.FirstColumnAsync(explain));
        }

        var kinds = Layers.Silo.Storage.PostgresRetentionStore.Kinds.ToDictionary(k => k.Kind, k => k.Sql);
        foreach (var (kind, index) in new[]
        {
            ("idempotency_records", "orleans_grain_state_idempotency_ix"),
            ("oauth_states", "orleans_grain_state_oauthsession_ix"),
            ("webhook_delivery_states", "orleans_grain_state_webhookdelivery_ix"),
        })
        {
            Assert.Contains(index, await PlanAsync(kinds[kind], DateTimeOffset.UtcNow, 1000));
        }

        Assert.Contains("layers_schedule_batches_age_ix",
            await PlanAsync(Layers.Silo.Storage.PostgresScheduleBatchStore.OlderThanSql, "layers", TimeSpan.FromMinutes(1), 256));
    }


    private static async Task<List<string>> IdsAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await StoredRows.FirstColumnAsync(command);
    }

    private static async Task IdempotentProjectAsync(TestTenant tenant, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/projects") { Content = JsonContent.Create(new { name = "Replayed" }) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await tenant.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
