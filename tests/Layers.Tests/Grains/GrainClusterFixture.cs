using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Layers.Common;
using Layers.Events;
using Layers.Projects;
using Layers.Platforms;
using Layers.Publishing;
using Layers.Sandbox;
using Layers.Silo.Hosting;
using Layers.SocialAccounts;
using Layers.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Layers.Tests.Grains;

/// <summary>
/// Two silos of the real grains in this process (Orleans' in-process test cluster), on a fake clock, with what a
/// database would hold shared by both and outliving either: grain state, schedule batches, reminders, the event log,
/// the listing, the account queues and the hand-off journal. Silos can be stopped or killed between steps. The platforms are the
/// sandbox simulators, served beside the cluster on a loopback port, so the grains' platform calls are real HTTP.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<(string, GrainId), (object State, string ETag)> _stateRows = new();
    private readonly ConcurrentDictionary<(string, GrainId), int> _stateReads = new();
    private readonly SharedReminderTable _reminders = new();
    private readonly FaultyEventStore _events = new(new MemoryEventStore());
    private readonly FaultyPostReadModel _posts = new(new MemoryPostReadModel());
    private readonly MemoryAccountViewStore _views = new();
    private readonly MemoryAccountQueueStore _queues = new();
    private readonly MemoryWebhookDeliveryLog _deliveries = new();
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private WebApplication? _sandbox;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Where the sandbox platforms are served.</summary>
    public string SandboxUrl { get; } = $"http://127.0.0.1:{Infrastructure.FreePorts.Next()}";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IEventStore Events => _events;

    /// <summary>Makes the event log refuse appends, or store them and lose the answer, until set back to none.</summary>
    public FaultyEventStore EventFaults => _events;

    public IAccountQueueStore Queues => _queues;

    /// <summary>Makes the listing refuse writes while set.</summary>
    public FaultyPostReadModel Listing => _posts;

    /// <summary>The reminder rows both silos share.</summary>
    public Orleans.IReminderTable Reminders => _reminders;

    /// <summary>How long each post takes to be made (<c>IScheduledPostGrain.ScheduleAsync</c>), so a silo can die mid-request.</summary>
    public TimeSpan PostSchedulingDelay { get; set; }

    /// <summary>The schedule requests' batches both silos share, stamped by the cluster's clock.</summary>
    public MemoryScheduleBatchStore Batches { get; }

    public GrainClusterFixture() => Batches = new(Clock);

    /// <summary>How often a grain's stored state was read, under its state name.</summary>
    public int StateReads(string stateName, GrainId grainId) => _stateReads.GetValueOrDefault((stateName, grainId));

    /// <summary>Whether a grain's state is stored, under its state name.</summary>
    public bool StateStored(string stateName, GrainId grainId) => _stateRows.ContainsKey((stateName, grainId));

    public async Task InitializeAsync()
    {
        await StartSandboxAsync();
        var journal = new MemoryHandOffJournal(_queues);
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        // A call to a silo that died is given up after 5 s instead of 30.
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5)));
        builder.ConfigureSiloHost((_, host) =>
        {
            // Read by AddLayersSilo as it composes the silo: no connection string (the stores come from here), one
            // encryption key for both silos.
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Orleans:ReminderMinimumPeriod"] = "00:01:00",
                ["Layers:EncryptionKeys:0:Id"] = "grain-tests",
                ["Layers:EncryptionKeys:0:Key"] = _key,
                ["Telemetry:Dashboard"] = "false",
                ["Layers:PublicBaseUrl"] = SandboxUrl,
            });
            host.Services.AddKeyedSingleton<TimeProvider>(LayersTime.Key, Clock);
            host.Services.AddKeyedSingleton<TimeProvider>(Orleans.Reminders.ReminderTimeProviderNames.Reminders, Clock);
            host.Services.AddSingleton<IEventStore>(_events);
            host.Services.AddSingleton<IPostReadModel>(_posts);
            host.Services.AddSingleton<IAccountViewStore>(_views);
            host.Services.AddSingleton<IAccountQueueStore>(_queues);
            host.Services.AddSingleton<IHandOffJournal>(journal);
            host.Services.AddSingleton<IWebhookDeliveryLog>(_deliveries);
            host.Services.AddSingleton<IScheduleBatchStore>(Batches);
            host.AddLayersSilo();
            host.Services.AddSingleton<IIncomingGrainCallFilter>(new SlowPostScheduling(this));
            host.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Layers, (sp, _) => new SharedGrainStorage(_stateRows, _stateReads, sp.GetRequiredService<DeepCopier>()));
            host.Services.AddSingleton<Orleans.IReminderTable>(_reminders);
            host.Services.Configure<ReminderOptions>(o => o.ReminderLoadingWindow = TimeSpan.FromDays(400));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    /// <summary>What a sandbox user's consent and the code exchange give: TikTok tokens, stored as the account stores them.</summary>
    public async Task<(string OpenId, StoredTokens Tokens)> TikTokTokensAsync(string socialAccountId, string handle)
    {
        var grant = await TikTokGrantAsync(handle);
        var protector = Service<Security.ISecretProtector>();
        var now = Clock.GetUtcNow();
        var tokens = new StoredTokens(
            protector.Protect(grant.AccessToken, $"{socialAccountId}:access"), now.AddSeconds(grant.ExpiresInSeconds),
            protector.Protect(grant.RefreshToken!, $"{socialAccountId}:refresh"), now.AddSeconds(grant.RefreshExpiresInSeconds ?? 86_400), now);
        return (grant.PlatformUserId!, tokens);
    }

    /// <summary>A sandbox user's consent and the code exchange, as the TikTok client makes it.</summary>
    public async Task<PlatformTokenGrant> TikTokGrantAsync(string handle)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(SandboxUrl) };
        var callback = $"{SandboxUrl}/v1/social/oauth/callback/tiktok";
        var consent = QueryHelpers.AddQueryString("/sandbox/tiktok/oauth/authorize", new Dictionary<string, string?>
        {
            ["client_key"] = PlatformOptionsSetup.SandboxClientId,
            ["scope"] = "user.info.basic,user.info.profile,video.publish,video.upload,video.list",
            ["response_type"] = "code",
            ["redirect_uri"] = callback,
            ["state"] = "st_" + Guid.NewGuid().ToString("N"),
            ["sandbox_user"] = handle,
            ["sandbox_decision"] = "approve",
        });
        using var approved = await http.GetAsync(consent);
        Assert.Equal(HttpStatusCode.Found, approved.StatusCode);
        var code = QueryHelpers.ParseQuery(approved.Headers.Location!.Query)["code"].ToString();
        return await Service<IPlatformClients>().Get(PlatformNames.TikTok).ExchangeCodeAsync(code, callback, CancellationToken.None);
    }

    /// <summary>What the TikTok sandbox delivered for <paramref name="handle"/>: each delivery's post id.</summary>
    public async Task<List<string>> TikTokDeliveriesAsync(string handle)
    {
        using var http = new HttpClient { BaseAddress = new Uri(SandboxUrl) };
        using var answer = JsonDocument.Parse(await http.GetStringAsync($"/sandbox/tiktok/control/published?handle={handle}"));
        return [.. answer.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    private async Task StartSandboxAsync()
    {
        var web = WebApplication.CreateBuilder();
        web.WebHost.UseUrls(SandboxUrl);
        web.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Layers:PublicBaseUrl"] = SandboxUrl,
            ["Layers:EncryptionKeys:0:Id"] = "grain-tests",
            ["Layers:EncryptionKeys:0:Key"] = _key,
        });
        web.Services.AddKeyedSingleton<TimeProvider>(LayersTime.Key, Clock);
        web.Services.AddPlatformClients(web.Configuration);
        web.Services.AddSandbox();
        // The media proxy too, which TikTok pulls from: its links name posts of the cluster, deployed after this starts.
        web.Services.Configure<Security.EncryptionOptions>(web.Configuration.GetSection(Security.EncryptionOptions.SectionName));
        web.Services.AddSingleton<Security.ISecretProtector, Security.SecretProtector>();
        web.Services.AddSingleton<IGrainFactory>(_ => Cluster.Client);
        _sandbox = web.Build();
        _sandbox.MapSandbox();
        Layers.Api.Media.MediaProxyApi.MapMediaProxy(_sandbox);
        await _sandbox.StartAsync();
    }

    /// <summary>A silo's services (for the secret protector the grains use).</summary>
    public T Service<T>()
        where T : notnull => Cluster.GetSiloServiceProvider().GetRequiredService<T>();

    /// <summary>Starts silos until two are up, and waits for the cluster to agree on them.</summary>
    public async Task EnsureTwoSilosAsync()
    {
        while (Cluster.GetActiveSilos().Count() < 2)
        {
            await Cluster.StartAdditionalSiloAsync();
        }

        await Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
    }

    /// <summary>A call repeated while the client still routes through a silo that just died (for at most 30 s).</summary>
    public async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is Orleans.Runtime.Messaging.ConnectionFailedException or SiloUnavailableException or OrleansMessageRejectionException
                or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Moves the clock a minute at a time until <paramref name="done"/> holds, letting reminders tick in between.</summary>
    public async Task AdvanceUntilAsync(Func<Task<bool>> done, int minutes = 30)
    {
        for (var step = 0; step < minutes; step++)
        {
            if (await done())
            {
                return;
            }

            Clock.Advance(TimeSpan.FromMinutes(1));
            var settle = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < settle && !await done())
            {
                await Task.Delay(50);
            }
        }

        Assert.True(await done(), $"the condition did not hold within {minutes} minutes of the fake clock");
    }
}

/// <summary>Holds each post's scheduling call for <see cref="GrainClusterFixture.PostSchedulingDelay"/> before the grain runs it.</summary>
internal sealed class SlowPostScheduling(GrainClusterFixture cluster) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (cluster.PostSchedulingDelay > TimeSpan.Zero && context.Grain is IScheduledPostGrain
            && context.InterfaceMethod.Name == nameof(IScheduledPostGrain.ScheduleAsync))
        {
            await Task.Delay(cluster.PostSchedulingDelay);
        }

        await context.Invoke();
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
