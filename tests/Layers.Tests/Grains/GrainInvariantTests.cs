using System.Net.Http.Json;
using System.Text.Json;
using Layers.Common;
using Layers.Events;
using Layers.Publishing;
using Layers.Security;
using Layers.Silo.Hosting;
using Layers.SocialAccounts;
using Microsoft.Extensions.Hosting;

namespace Layers.Tests.Grains;

/// <summary>
/// The invariants held by the grains themselves, on a two-silo cluster with silos stopped or killed between and
/// during steps: scheduling leaves all of a request's posts or none, a revoke counts exactly what it cancels, and
/// each post's <c>post.scheduled</c> event exists once.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class GrainInvariantTests(GrainClusterFixture cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] InstagramScopes =
        ["instagram_business_basic", "instagram_business_content_publish", "instagram_business_manage_insights", "instagram_business_manage_comments"];

    [Theory]
    [InlineData("the batch's silo")]
    [InlineData("another silo")]
    public async Task ARequestDuringWhichASiloIsKilledLeavesAllOfItsPostsOrNoneAndRevokesCountThemExactly(string killed)
    {
        await cluster.EnsureTwoSilosAsync();
        var (organization, project) = NewTenant();
        var accounts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            accounts.Add(await ConnectAsync(organization, project));
        }

        var content = await ContentAsync(organization, project);
        var targets = Enumerable.Range(0, 50)
            .Select(i => new ScheduleTarget(Ids.New("sp_", cluster.Clock), accounts[i % accounts.Count], "reels", null, null)).ToList();
        var command = new ScheduleCommand(organization, content, cluster.Clock.GetUtcNow().AddDays(7), targets);
        var batch = cluster.Client.GetGrain<IScheduleBatchGrain>(targets[0].ScheduledPostId);
        await batch.ResumeAsync();
        Assert.True(cluster.Cluster.TryGetGrainContext(batch.GetGrainId(), out var context));
        var batchSilo = cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(context!.Address.SiloAddress));
        var victim = killed == "the batch's silo" ? batchSilo : cluster.Cluster.Silos.First(s => s != batchSilo);

        // Each post takes a moment to make: the silo dies while the request is half-way.
        cluster.PostSchedulingDelay = TimeSpan.FromMilliseconds(300);
        var request = batch.ScheduleAsync(command);
        await Task.Delay(100);
        await cluster.Cluster.KillSiloAsync(victim);
        await cluster.EnsureTwoSilosAsync();
        var outcome = "answered";
        try
        {
            await request;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // Cut short by the kill: what it leaves is what the wake-up's resume of the batch makes of it.
            outcome = e.GetType().Name;
        }
        finally
        {
            cluster.PostSchedulingDelay = TimeSpan.Zero;
        }

        var madeAtOnce = await QueuedAsync(organization, [.. targets.Select(t => t.ScheduledPostId)]);
        var ids = targets.Select(t => t.ScheduledPostId).ToList();
        await cluster.AdvanceUntilAsync(async () =>
        {
            var queued = await QueuedAsync(organization, ids);
            return queued == 0 || queued == ids.Count;
        });

        var made = await QueuedAsync(organization, ids);
        output.WriteLine($"killed {killed}: request {outcome}; {madeAtOnce} of {ids.Count} queued at once, {made} after the batch was resumed");
        var counted = 0;
        foreach (var account in accounts)
        {
            counted += (await cluster.RetryAsync(() => cluster.Client.GetGrain<ISocialAccountGrain>(account).GetHealthAsync(organization))).QueuedPosts;
        }

        Assert.Equal(made, counted);
        var canceled = 0;
        foreach (var account in accounts)
        {
            canceled += (await cluster.Client.GetGrain<ISocialAccountGrain>(account).RevokeAsync(organization)).CanceledScheduledPosts;
        }

        Assert.Equal(made, canceled);
        await cluster.AdvanceUntilAsync(async () => await QueuedAsync(organization, ids) == 0);
        var scheduledEvents = await EventsAsync(organization, project, EventTypes.PostScheduled);
        Assert.Equal(made, scheduledEvents.Count);
        Assert.Equal(made, scheduledEvents.Select(e => e.DataJson).Distinct().Count());
    }

    [Fact]
    public async Task ARevokeAfterEveryActivationWasLostCountsAndCancelsEachQueuedPostOnce()
    {
        await cluster.EnsureTwoSilosAsync();
        var (organization, project) = NewTenant();
        var account = await ConnectAsync(organization, project);
        var content = await ContentAsync(organization, project);
        var targets = Enumerable.Range(0, 12).Select(_ => new ScheduleTarget(Ids.New("sp_", cluster.Clock), account, null, null, null)).ToList();
        var posts = await cluster.Client.GetGrain<IScheduleBatchGrain>(targets[0].ScheduledPostId)
            .ScheduleAsync(new ScheduleCommand(organization, content, cluster.Clock.GetUtcNow().AddDays(1), targets));
        Assert.Equal(12, posts.Count);
        await cluster.Client.GetGrain<IScheduledPostGrain>(posts[0].Id).CancelAsync(organization, "changed_mind");

        // Every activation goes, as after a restart; the stored state and records remain.
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos[^1]);
        await cluster.EnsureTwoSilosAsync();

        var revoked = await cluster.Client.GetGrain<ISocialAccountGrain>(account).RevokeAsync(organization);
        Assert.Equal(11, revoked.CanceledScheduledPosts);
        await cluster.AdvanceUntilAsync(async () => await QueuedAsync(organization, [.. targets.Select(t => t.ScheduledPostId)]) == 0);
        foreach (var post in posts.Skip(1))
        {
            var view = await cluster.Client.GetGrain<IScheduledPostGrain>(post.Id).GetAsync(organization);
            Assert.Equal("canceled", view.Status);
            Assert.Equal("account_revoked", view.CancelReason);
        }

        Assert.Equal("changed_mind", (await cluster.Client.GetGrain<IScheduledPostGrain>(posts[0].Id).GetAsync(organization)).CancelReason);
        Assert.Equal(11, (await EventsAsync(organization, project, EventTypes.PostCanceled)).Count(e => e.DataJson.Contains("account_revoked", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PostsHandedOffWhileASiloIsKilledReachThePlatformAtMostOnceEach()
    {
        await cluster.EnsureTwoSilosAsync();
        var (organization, project) = NewTenant();
        var handles = Enumerable.Range(0, 4).Select(i => $"atmost{i}.{Guid.NewGuid().ToString("N")[..6]}").ToList();
        var accounts = new List<string>();
        foreach (var handle in handles)
        {
            var id = Ids.New("sa_", cluster.Clock);
            var (openId, tokens) = await cluster.TikTokTokensAsync(id, handle);
            await cluster.Client.GetGrain<ISocialAccountGrain>(id).ConnectAsync(new ConnectCommand(organization, project, PlatformNames.TikTok, openId, handle,
                null, null, ["user.info.basic", "user.info.profile", "video.publish", "video.upload", "video.list"], tokens));
            accounts.Add(id);
        }

        var content = await ContentAsync(organization, project);
        // Five posts per account (TikTok takes six inits a minute per token), due now: they go while the request returns.
        var targets = Enumerable.Range(0, 20).Select(i => new ScheduleTarget(Ids.New("sp_", cluster.Clock), accounts[i % accounts.Count], null, null, null)).ToList();
        await cluster.Client.GetGrain<IScheduleBatchGrain>(targets[0].ScheduledPostId)
            .ScheduleAsync(new ScheduleCommand(organization, content, cluster.Clock.GetUtcNow(), targets));
        await Task.Delay(50);
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos[^1]);
        await cluster.EnsureTwoSilosAsync();

        var ids = targets.Select(t => t.ScheduledPostId).ToList();
        List<ScheduledPostView> posts = [];
        await cluster.AdvanceUntilAsync(async () =>
        {
            posts = [.. await Task.WhenAll(ids.Select(id => cluster.RetryAsync(() => cluster.Client.GetGrain<IScheduledPostGrain>(id).GetAsync(organization))))];
            return posts.All(p => p.Status == ScheduledPostStatus.Failed || (p.Status == ScheduledPostStatus.Published && p.ExternalId is not null));
        });

        var delivered = new List<string>();
        foreach (var handle in handles)
        {
            delivered.AddRange(await cluster.TikTokDeliveriesAsync(handle));
        }

        var published = posts.Where(p => p.Status == ScheduledPostStatus.Published).ToList();
        var unknown = posts.Count(p => p.LastError?.Code == PostErrorCodes.PublishOutcomeUnknown);
        output.WriteLine($"{published.Count} published, {unknown} outcome unknown, {posts.Count - published.Count - unknown} failed otherwise; {delivered.Count} deliveries");
        Assert.Equal(published.Count, published.Select(p => p.ExternalId).Distinct().Count());
        Assert.All(published, p => Assert.Contains(p.ExternalId!, delivered));
        // Each post reached the platform at most once: every delivery is a published post's, or that of a post whose
        // hand-off a crash cut short (which is never sent again).
        Assert.InRange(delivered.Count, published.Count, published.Count + unknown);
        Assert.All(posts.Where(p => p.Status == ScheduledPostStatus.Failed), p => Assert.Equal(PostErrorCodes.PublishOutcomeUnknown, p.LastError?.Code));
    }

    [Theory]
    [InlineData(FaultyEventStore.Fault.Refuse)]
    [InlineData(FaultyEventStore.Fault.LoseAnswer)]
    public async Task EventsTheLogFailedToTakeAreHandedOnAfterReactivationOnceEach(FaultyEventStore.Fault fault)
    {
        await cluster.EnsureTwoSilosAsync();
        var (organization, project) = NewTenant();
        var account = await ConnectAsync(organization, project);
        var content = await ContentAsync(organization, project);
        var targets = Enumerable.Range(0, 6).Select(_ => new ScheduleTarget(Ids.New("sp_", cluster.Clock), account, null, null, null)).ToList();
        List<ScheduledPostView> posts;
        cluster.EventFaults.Set(fault);
        try
        {
            // The posts are made and stored; their events stay in their outboxes.
            posts = [.. await cluster.Client.GetGrain<IScheduleBatchGrain>(targets[0].ScheduledPostId)
                .ScheduleAsync(new ScheduleCommand(organization, content, cluster.Clock.GetUtcNow().AddDays(3), targets))];
            await cluster.Client.GetGrain<IScheduledPostGrain>(posts[0].Id).CancelAsync(organization, "changed_mind");
            Assert.True(cluster.EventFaults.FailedAppends > 0);
        }
        finally
        {
            cluster.EventFaults.Set(FaultyEventStore.Fault.None);
        }

        var before = (await EventsAsync(organization, project, EventTypes.PostScheduled)).Count;
        Assert.Equal(fault == FaultyEventStore.Fault.LoseAnswer ? 6 : 0, before);

        // Every activation goes, as after a restart; the outboxes are in the stored state and are handed on when the
        // posts come back.
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos[^1]);
        await cluster.EnsureTwoSilosAsync();
        foreach (var post in posts)
        {
            await cluster.RetryAsync(() => cluster.Client.GetGrain<IScheduledPostGrain>(post.Id).GetAsync(organization));
        }

        await cluster.AdvanceUntilAsync(async () => (await EventsAsync(organization, project, EventTypes.PostScheduled)).Count == 6
            && (await EventsAsync(organization, project, EventTypes.PostCanceled)).Count == 1);
        var scheduled = await EventsAsync(organization, project, EventTypes.PostScheduled);
        Assert.Equal(posts.Select(p => p.Id).Order(), scheduled.Select(e => JsonDocument.Parse(e.DataJson).RootElement.GetProperty("id").GetString()).Order());
        var canceled = Assert.Single(await EventsAsync(organization, project, EventTypes.PostCanceled));
        Assert.Contains(posts[0].Id, canceled.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFarOffPostLeavesMemoryHoldsNoReminderAndTheWakeUpOfDuePostsBringsItBackToPublishOnce()
    {
        await cluster.EnsureTwoSilosAsync();
        var (organization, project) = NewTenant();
        var handle = $"resting.{Guid.NewGuid().ToString("N")[..6]}";
        var account = await ConnectTikTokAsync(organization, project, handle);
        var content = await ContentAsync(organization, project);
        var grain = await ScheduleOneAsync(organization, content, account, cluster.Clock.GetUtcNow().AddHours(3));

        // Three hours out, the post is only its stored state and its listing row: not in memory, no reminder.
        await OutOfMemoryAsync(grain);

        Assert.Null(await cluster.Reminders.ReadRow(grain.GetGrainId(), "post"));

        cluster.Clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(3));
        await cluster.AdvanceUntilAsync(async () => (await grain.GetAsync(organization)).Status == ScheduledPostStatus.Published, minutes: 10);
        Assert.Single(await cluster.TikTokDeliveriesAsync(handle));
    }

    [Fact]
    public async Task AStartingSiloBringsThePostsDueWithinTwoMinutesBackOnceItsHostHasStartedAndTheyPublishOnce()
    {
        var (organization, project) = NewTenant();
        var handle = $"soon.{Guid.NewGuid().ToString("N")[..6]}";
        var account = await ConnectTikTokAsync(organization, project, handle);
        var content = await ContentAsync(organization, project);
        var grain = await ScheduleOneAsync(organization, content, account, cluster.Clock.GetUtcNow().AddSeconds(90));

        // As after a crash: the post is out of memory, its timer gone, and the clock has not moved (no reminder ticked).
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await OutOfMemoryAsync(grain);

        // The start-up wake-up waits for the host to have started (its HTTP front serves the media proxy TikTok pulls
        // from), then reads the listing and wakes the post, which arms its timer again.
        using var lifetime = new StartingHost();
        var wake = DueSoon.WakeOnceStartedAsync(cluster.Cluster.GetSiloServiceProvider(), lifetime);
        Assert.False(wake.IsCompleted, "the start-up wake-up ran before the host had started");
        Assert.False(cluster.Cluster.TryGetGrainContext(grain.GetGrainId(), out _), "the post was woken before the host had started");

        lifetime.Started();
        await wake;
        Assert.True(cluster.Cluster.TryGetGrainContext(grain.GetGrainId(), out _), "the post due soon was not woken");

        cluster.Clock.Advance(TimeSpan.FromSeconds(90));
        await cluster.AdvanceUntilAsync(async () => (await grain.GetAsync(organization)).Status == ScheduledPostStatus.Published, minutes: 5);
        Assert.Single(await cluster.TikTokDeliveriesAsync(handle));
    }

    [Fact]
    public async Task APostWhoseListingRowCouldNotBeWrittenKeepsAReminderOfItsOwnAndPublishesOnce()
    {
        await cluster.EnsureTwoSilosAsync();
        var (organization, project) = NewTenant();
        var handle = $"unlisted.{Guid.NewGuid().ToString("N")[..6]}";
        var account = await ConnectTikTokAsync(organization, project, handle);
        var content = await ContentAsync(organization, project);
        var target = new ScheduleTarget(Ids.New("sp_", cluster.Clock), account, null, null, null);

        // The listing refuses the post's row: the wake-up of due posts cannot see it, so the post keeps a reminder.
        cluster.Listing.RefuseWrites = true;
        ScheduledPostView post;
        try
        {
            post = (await cluster.Client.GetGrain<IScheduleBatchGrain>(target.ScheduledPostId)
                .ScheduleAsync(new ScheduleCommand(organization, content, cluster.Clock.GetUtcNow().AddHours(2), [target]))).Single();
        }
        finally
        {
            cluster.Listing.RefuseWrites = false;
        }

        var grain = cluster.Client.GetGrain<IScheduledPostGrain>(post.Id);
        Assert.NotNull(await cluster.Reminders.ReadRow(grain.GetGrainId(), "post"));

        cluster.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(3));
        await cluster.AdvanceUntilAsync(async () => (await grain.GetAsync(organization)).Status == ScheduledPostStatus.Published, minutes: 10);
        Assert.Single(await cluster.TikTokDeliveriesAsync(handle));
    }

    [Fact]
    public async Task APostAwaitingItsPublicIdHoldsNoReminderAndTheWakeUpBringsItBackToReadTheIdOnceItsActivationIsLost()
    {
        await cluster.EnsureTwoSilosAsync();
        var (organization, project) = NewTenant();
        var handle = $"moderated.{Guid.NewGuid().ToString("N")[..6]}";
        var account = await ConnectTikTokAsync(organization, project, handle);
        // TikTok names the post four status reads after it is live (its reads are 2, 3, 5 and 10 s apart).
        using (var sandbox = new HttpClient { BaseAddress = new Uri(cluster.SandboxUrl) })
        {
            using var shaped = await sandbox.PostAsJsonAsync($"/sandbox/tiktok/control/users/{handle}", new { moderationReads = 4 });
            shaped.EnsureSuccessStatusCode();
        }

        var content = await ContentAsync(organization, project);
        var grain = await ScheduleOneAsync(organization, content, account, cluster.Clock.GetUtcNow());
        await cluster.AdvanceUntilAsync(async () => (await grain.GetAsync(organization)).Status == ScheduledPostStatus.Published, minutes: 5);

        // Live and not yet named: its timer reads the id, and nothing else is kept for it (a burst's posts all wait so,
        // and a reminder each brought them all back at once after a restart, ahead of the posts due then).
        Assert.Null((await grain.GetAsync(organization)).ExternalId);
        Assert.Null(await cluster.Reminders.ReadRow(grain.GetGrainId(), "post"));

        // Its activation is lost, as in a crash: the wake-up of due posts brings it back from its listing row.
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await OutOfMemoryAsync(grain);
        Assert.Null((await cluster.Listing.ListAsync(project, new PostQuery([], null, null, null), null, 10, CancellationToken.None))
            .Items.Single(p => p.Id == grain.GetPrimaryKeyString()).ExternalId);

        // Brought back, it reads from the start of the schedule again: four reads take 2 + 3 + 5 + 10 s of the process's
        // own time after the wake-up, and each fake minute lets at most 2 s pass, so the bound is well above 10 minutes.
        await cluster.AdvanceUntilAsync(async () => (await grain.GetAsync(organization)).ExternalId is not null, minutes: 40);
        Assert.Equal(Assert.Single(await cluster.TikTokDeliveriesAsync(handle)), (await grain.GetAsync(organization)).ExternalId);
        Assert.Null(await cluster.Reminders.ReadRow(grain.GetGrainId(), "post"));
    }

    [Fact]
    public async Task AnAccountBroughtBackAfterItsEventsAndViewWereHandedOnHandsNothingOnAgainAndLeavesItsProjectAlone()
    {
        await cluster.EnsureTwoSilosAsync();
        var (organization, project) = NewTenant();
        var account = cluster.Client.GetGrain<ISocialAccountGrain>(await ConnectAsync(organization, project));
        var appends = cluster.EventFaults.AppendsOf(organization);
        Assert.True(appends >= 1);

        // Every activation goes, as after a restart; the account comes back for a post's hand-off (here, a read).
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var projectGrain = cluster.Client.GetGrain<Layers.Projects.IProjectGrain>(project);
        await OutOfMemoryAsync(account);
        await OutOfMemoryAsync(projectGrain);
        await account.GetHealthAsync(organization);

        // Its connection's event and view were handed on before: the activation neither appends that event again nor
        // calls the project (whose activation reads every account of the project).
        Assert.Equal(appends, cluster.EventFaults.AppendsOf(organization));
        Assert.False(cluster.Cluster.TryGetGrainContext(projectGrain.GetGrainId(), out _), "the account's activation called its project");
    }

    [Fact]
    public async Task APostWokenFromARowOfItsStoredVersionHandsNothingOnAgainAndOneWokenFromAnOlderRowWritesItsRow()
    {
        await cluster.EnsureTwoSilosAsync();
        var (organization, project) = NewTenant();
        var account = await ConnectAsync(organization, project);
        var content = await ContentAsync(organization, project);
        var start = cluster.Clock.GetUtcNow();
        var current = await ScheduleOneAsync(organization, content, account, start.AddHours(3));
        var behind = await ScheduleOneAsync(organization, content, account, start.AddHours(3));

        // The second post's new due time is stored, but the listing refuses its row: the row still shows the first.
        cluster.Listing.RefuseWrites = true;
        try
        {
            await behind.RescheduleAsync(organization, start.AddHours(4));
        }
        finally
        {
            cluster.Listing.RefuseWrites = false;
        }

        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await OutOfMemoryAsync(current);
        await OutOfMemoryAsync(behind);
        var appends = cluster.EventFaults.AppendsOf(organization);

        // Both rows fall within the wake-up's look-ahead; both posts come back into memory.
        cluster.Clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        await cluster.Client.GetGrain<IDuePostsGrain>(0).WakeAsync();
        Assert.True(cluster.Cluster.TryGetGrainContext(current.GetGrainId(), out _), "the post due soon was not woken");

        // The first post's row is of its stored state, which still holds its post.scheduled event and its row as
        // pending (they are let go in memory, not stored again): both were handed on before the row was written.
        Assert.Equal(appends, cluster.EventFaults.AppendsOf(organization));
        // The second post's row is older than its state: its row is written again, with the due time it has.
        var rows = await cluster.Listing.ListAsync(project, new PostQuery([], null, null, null), null, 10, CancellationToken.None);
        Assert.Equal(start.AddHours(4), Assert.Single(rows.Items, p => p.Id == behind.GetPrimaryKeyString()).ScheduledFor);
        Assert.Equal(start.AddHours(3), Assert.Single(rows.Items, p => p.Id == current.GetPrimaryKeyString()).ScheduledFor);
    }

    private async Task<IScheduledPostGrain> ScheduleOneAsync(string organization, string content, string account, DateTimeOffset dueAt)
    {
        var target = new ScheduleTarget(Ids.New("sp_", cluster.Clock), account, null, null, null);
        var post = (await cluster.Client.GetGrain<IScheduleBatchGrain>(target.ScheduledPostId)
            .ScheduleAsync(new ScheduleCommand(organization, content, dueAt, [target]))).Single();
        return cluster.Client.GetGrain<IScheduledPostGrain>(post.Id);
    }

    /// <summary>Waits (at most 10 s) until the grain is no longer active on any silo.</summary>
    private async Task OutOfMemoryAsync(IAddressable grain)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (cluster.Cluster.TryGetGrainContext(grain.GetGrainId(), out _))
        {
            Assert.True(DateTime.UtcNow < deadline, "the post stayed in memory");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task ANewRequestAndItsPostsAreStoredWithoutReadingTheirStateFirstAndAnIdThatExistsIsReadAndKept()
    {
        var (organization, project) = NewTenant();
        var account = await ConnectAsync(organization, project);
        var content = await ContentAsync(organization, project);
        var due = cluster.Clock.GetUtcNow().AddDays(3);
        var targets = Enumerable.Range(0, 3).Select(_ => new ScheduleTarget(Ids.New("sp_", cluster.Clock), account, "reels", null, null)).ToList();
        var batch = cluster.Client.GetGrain<IScheduleBatchGrain>(targets[0].ScheduledPostId);

        var made = await batch.ScheduleAsync(new ScheduleCommand(organization, content, due, targets));

        Assert.All(made, p => Assert.Equal(ScheduledPostStatus.Queued, p.Status));
        Assert.Equal(0, cluster.Batches.Reads(targets[0].ScheduledPostId));
        Assert.False(cluster.Batches.Contains(targets[0].ScheduledPostId));
        foreach (var target in targets)
        {
            var post = cluster.Client.GetGrain<IScheduledPostGrain>(target.ScheduledPostId).GetGrainId();
            Assert.True(cluster.StateStored("scheduledpost", post));
            Assert.Equal(0, cluster.StateReads("scheduledpost", post));
        }

        // Another request naming one of these posts (now out of memory: due in days) finds it stored, reads it, and
        // changes nothing; the request makes none of its posts.
        var taken = targets[1].ScheduledPostId;
        var takenId = cluster.Client.GetGrain<IScheduledPostGrain>(taken).GetGrainId();
        var other = new ScheduleTarget(Ids.New("sp_", cluster.Clock), account, "reels", null, null);
        var again = new ScheduleCommand(organization, content, due.AddDays(2), [other, targets[1] with { CaptionOverride = "changed" }]);
        var refused = await Assert.ThrowsAsync<LayersException>(() => cluster.Client.GetGrain<IScheduleBatchGrain>(other.ScheduledPostId).ScheduleAsync(again));
        Assert.Equal(ErrorKind.Conflict, refused.Code);
        Assert.True(cluster.StateReads("scheduledpost", takenId) >= 1);
        var kept = await cluster.Client.GetGrain<IScheduledPostGrain>(taken).GetAsync(organization);
        Assert.Equal(ScheduledPostStatus.Queued, kept.Status);
        Assert.Equal(due, kept.ScheduledFor);
        Assert.NotEqual(ScheduledPostStatus.Queued, (await cluster.Client.GetGrain<IScheduledPostGrain>(other.ScheduledPostId).GetAsync(organization)).Status);
        Assert.Equal(3, (await cluster.Client.GetGrain<ISocialAccountGrain>(account).GetHealthAsync(organization)).QueuedPosts);
    }

    private static (string Organization, Guid Project) NewTenant() => (Ids.New("org_", TimeProvider.System), Guid.NewGuid());

    /// <summary>A TikTok account connected with a sandbox user's real tokens, so its posts reach the sandbox.</summary>
    private async Task<string> ConnectTikTokAsync(string organization, Guid project, string handle)
    {
        var account = Ids.New("sa_", cluster.Clock);
        var (openId, tokens) = await cluster.TikTokTokensAsync(account, handle);
        await cluster.Client.GetGrain<ISocialAccountGrain>(account).ConnectAsync(new ConnectCommand(organization, project, PlatformNames.TikTok, openId, handle,
            null, null, ["user.info.basic", "user.info.profile", "video.publish", "video.upload", "video.list"], tokens));
        return account;
    }

    /// <summary>A connected Instagram account (its token is never sent anywhere by these tests).</summary>
    private async Task<string> ConnectAsync(string organization, Guid project)
    {
        var id = Ids.New("sa_", cluster.Clock);
        var now = cluster.Clock.GetUtcNow();
        var protector = cluster.Service<SecretProtector>();
        var tokens = new StoredTokens(protector.Protect("grain-test-token", $"{id}:access"), now.AddDays(60), null, null, now);
        var user = Guid.NewGuid().ToString("N")[..12];
        await cluster.Client.GetGrain<ISocialAccountGrain>(id).ConnectAsync(
            new ConnectCommand(organization, project, PlatformNames.Instagram, user, $"grain.{user}", null, null, InstagramScopes, tokens));
        return id;
    }

    private async Task<string> ContentAsync(string organization, Guid project)
    {
        var id = Ids.New("cnt_", cluster.Clock);
        await cluster.Client.GetGrain<IContentContainerGrain>(id).CreateAsync(organization, project,
            new ContentDraft("grain tests", null, [new ContentAsset("video", "https://cdn.example.com/clip.mp4", "video/mp4", 15_000)]));
        return id;
    }

    /// <summary>How many of the posts exist and are queued.</summary>
    private async Task<int> QueuedAsync(string organization, IReadOnlyList<string> ids)
    {
        var queued = 0;
        foreach (var id in ids)
        {
            try
            {
                var view = await cluster.RetryAsync(() => cluster.Client.GetGrain<IScheduledPostGrain>(id).GetAsync(organization));
                queued += view.Status == ScheduledPostStatus.Queued ? 1 : 0;
            }
            catch (LayersException e) when (e.Code == ErrorKind.NotFound)
            {
            }
        }

        return queued;
    }

    private async Task<List<EventRecord>> EventsAsync(string organization, Guid project, string type)
    {
        var found = new List<EventRecord>();
        string? after = null;
        do
        {
            var page = await cluster.Events.ListAsync(organization, new EventQuery(project, type), after, 100, DateTimeOffset.MinValue, CancellationToken.None);
            found.AddRange(page.Items);
            after = page.NextCursor;
        }
        while (after is not null);
        return found;
    }
}

/// <summary>A host's lifetime whose start the test announces.</summary>
internal sealed class StartingHost : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _started = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _stopped = new();

    public CancellationToken ApplicationStarted => _started.Token;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => _stopped.Token;

    public void Started() => _started.Cancel();

    public void StopApplication() => _stopping.Cancel();

    public void Dispose()
    {
        _started.Dispose();
        _stopping.Dispose();
        _stopped.Dispose();
    }
}
