using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Layers.Common;
using Layers.Events;
using Layers.Maintenance;
using Layers.Platforms;
using Layers.Projects;
using Layers.Publishing;
using Layers.Security;
using Layers.Silo.Storage;
using Layers.SocialAccounts;
using Layers.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.Serialization;

namespace Layers.Silo.Hosting;

/// <summary>Composition of the Orleans side of the service: clustering, storage, reminders and shared services.</summary>
public static class LayersHosting
{
    private const string Invariant = "Npgsql";

    /// <summary>
    /// Runs the service's business clock (billing periods, token lifetimes, due times) this far from the machine's
    /// clock, for rehearsals in staging: a renewal a month away can be made due in a minute. Orleans' own timers are
    /// untouched. Every process of a cluster must use the same value.
    /// </summary>
    public const string ClockOffsetSetting = "Layers:ClockOffset";

    /// <summary>Runs a silo in this process (co-hosted front or headless silo).</summary>
    /// <summary>
    /// A trial's silo listens on loopback only, on ports free when it starts unless <c>Orleans:SiloPort</c> and
    /// <c>Orleans:GatewayPort</c> say otherwise, so a second trial on the same machine never shares the first one's
    /// ports. The choice is written back to the configuration, where the startup banner reads it.
    /// </summary>
    internal static void ChooseTrialPorts(IConfiguration configuration)
    {
        foreach (var key in (ReadOnlySpan<string>)[nameof(OrleansHostingOptions.SiloPort), nameof(OrleansHostingOptions.GatewayPort)])
        {
            var path = $"{OrleansHostingOptions.SectionName}:{key}";
            if (string.IsNullOrWhiteSpace(configuration[path]))
            {
                using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
                probe.Start();
                configuration[path] = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                probe.Stop();
            }
        }
    }

    public static IHostApplicationBuilder AddLayersSilo(this IHostApplicationBuilder builder)
    {
        var storage = StorageSettings.From(builder.Configuration);
        if (storage.IsTrial)
        {
            ChooseTrialPorts(builder.Configuration);
        }

        var hosting = builder.Configuration.GetSection(OrleansHostingOptions.SectionName).Get<OrleansHostingOptions>() ?? new();
        builder.Services.AddLayersCore(storage, builder.Configuration);
        var telemetry = builder.AddLayersTelemetry();
        if (!storage.IsTrial)
        {
            // Registered before the silo, so the schema exists before membership and storage first touch it.
            builder.Services.AddHostedService<SchemaMigrationService>();
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = hosting.ClusterId;
                o.ServiceId = hosting.ServiceId;
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = hosting.ReminderMinimumPeriod);
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = hosting.DirectoryCacheSize);
            silo.AddLayersTelemetry(telemetry);
            // Failure detection is Orleans' own; deployments (and cluster tests) may tune it under Orleans:Membership.
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{OrleansHostingOptions.SectionName}:Membership"));
            if (storage.IsTrial)
            {
                silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort, serviceId: hosting.ServiceId, clusterId: hosting.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Layers);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.ConfigureEndpoints(ResolveAdvertisedAddress(hosting.AdvertisedHost), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: true);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = storage.OrleansConnectionString;
                });
                silo.AddAdoNetGrainStorage(StorageNames.Layers, o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = storage.OrleansConnectionString;
                    o.GrainStorageSerializer = GrainStateSerializer;
                    // A cleared state (an expired idempotency record or OAuth state, a deleted webhook endpoint) leaves
                    // no row behind.
                    o.DeleteStateOnClear = true;
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = storage.OrleansConnectionString;
                });
                // The retention job runs wherever its grain lives; every silo makes sure its reminder is set.
                silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IRetentionGrain>(0).EnsureScheduledAsync());
                silo.AddStartupTask(DueSoon.StartAsync);
            }

            // Queued posts are woken from the listing by one reminder, not one each; every silo makes sure it is set.
            silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IDuePostsGrain>(0).EnsureScheduledAsync());
        });
        return builder;
    }

    /// <summary>Joins the cluster as a client (the <c>client</c> role of a front).</summary>
    public static IHostApplicationBuilder AddLayersClient(this IHostApplicationBuilder builder)
    {
        var storage = StorageSettings.From(builder.Configuration);
        var hosting = builder.Configuration.GetSection(OrleansHostingOptions.SectionName).Get<OrleansHostingOptions>() ?? new();
        builder.Services.AddLayersCore(storage, builder.Configuration);
        var telemetry = builder.AddLayersTelemetry();
        builder.UseOrleansClient(client =>
        {
            client.AddLayersTelemetry(telemetry);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = hosting.ClusterId;
                o.ServiceId = hosting.ServiceId;
            });
            if (storage.IsTrial)
            {
                client.UseLocalhostClustering(hosting.GatewayPort, hosting.ServiceId, hosting.ClusterId);
            }
            else
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = storage.OrleansConnectionString;
                });
            }
        });
        return builder;
    }

    /// <summary>
    /// Grain state as plain JSON, so rows can be read with SQL. Escaped only where JSON requires it: the state is never
    /// embedded in HTML, and the default encoder's <c>\u0022</c> for every quote of an event's JSON in a post's outbox
    /// pushed a queued post's row over PostgreSQL's 2 KB threshold, where every write was compressed.
    /// </summary>
    internal static SystemTextJsonGrainStorageSerializer GrainStateSerializer { get; } = new(Options.Create(StorageJson()));

    private static SystemTextJsonGrainStorageSerializerOptions StorageJson()
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        options.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    private static IServiceCollection AddLayersCore(this IServiceCollection services, StorageSettings storage, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        var clockOffset = configuration.GetValue<TimeSpan?>(ClockOffsetSetting) ?? TimeSpan.Zero;
        services.TryAddKeyedSingleton(LayersTime.Key, clockOffset == TimeSpan.Zero ? TimeProvider.System : new ShiftedTimeProvider(clockOffset));
        services.AddSingleton(storage);
        if (!storage.IsTrial)
        {
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(storage.ConnectionString!));
            services.TryAddSingleton<SchemaMigrator>();
            services.TryAddSingleton<PostgresGroupCommit>();
            services.TryAddSingleton<IEventStore, PostgresEventStore>();
            services.TryAddSingleton<IPostReadModel, PostgresPostReadModel>();
            services.TryAddSingleton<IAccountViewStore, PostgresAccountViewStore>();
            services.TryAddSingleton<IAccountQueueStore, PostgresAccountQueueStore>();
            services.TryAddSingleton<IHandOffJournal, PostgresHandOffJournal>();
            services.TryAddSingleton<IScheduleBatchStore, PostgresScheduleBatchStore>();
            services.TryAddSingleton<IWebhookDeliveryLog, PostgresWebhookDeliveryLog>();
            services.TryAddSingleton<IRetentionStore, PostgresRetentionStore>();
        }
        else
        {
            services.TryAddSingleton<IEventStore, MemoryEventStore>();
            services.TryAddSingleton<IPostReadModel, MemoryPostReadModel>();
            services.TryAddSingleton<IAccountViewStore, MemoryAccountViewStore>();
            services.TryAddSingleton<IAccountQueueStore, MemoryAccountQueueStore>();
            services.TryAddSingleton<IHandOffJournal, MemoryHandOffJournal>();
            services.TryAddSingleton<IScheduleBatchStore>(sp => new MemoryScheduleBatchStore(sp.GetRequiredKeyedService<TimeProvider>(LayersTime.Key)));
            services.TryAddSingleton<IRetentionStore, NoRetentionStore>();
        }

        services.AddOptions<EncryptionOptions>()
            .BindConfiguration(EncryptionOptions.SectionName)
            .PostConfigure(options =>
            {
                if (storage.IsTrial && options.EncryptionKeys.Count == 0)
                {
                    // Trial mode keeps nothing beyond the process, so a key that lives as long as the process will do.
                    options.EncryptionKeys.Add(new EncryptionKey { Id = "trial", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
                }
            })
            .Validate(options => options.EncryptionKeys.Count > 0, "Layers:EncryptionKeys must list at least one key outside trial mode.")
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName)
            .Validate(o => !o.Problems().Any(), $"{RetentionOptions.SectionName}: a keep or the period is out of range (see README Configuration).")
            .ValidateOnStart();
        services.TryAddSingleton<SecretProtector>();
        services.TryAddSingleton<ISecretProtector>(provider => provider.GetRequiredService<SecretProtector>());
        services.TryAddSingleton(provider => new HandOffPriority(HandOffPriority.DefaultMaxDeferral, provider.GetService<ILogger<HandOffPriority>>()));
        services.AddPlatformClients(configuration);
        services.AddWebhooks(trialMode: storage.IsTrial);
        services.AddHostedService(provider => new StartupWarnings(storage, clockOffset, provider.GetRequiredService<ILogger<StartupWarnings>>()));
        return services;
    }

    private static IPAddress ResolveAdvertisedAddress(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        return Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
    }

    /// <summary>Says loudly at start when the process runs in a mode that is not for production.</summary>
    private sealed class StartupWarnings(StorageSettings storage, TimeSpan clockOffset, ILogger<StartupWarnings> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (storage.IsTrial)
            {
                logger.LogWarning(
                    "TRIAL MODE: no ConnectionStrings:Layers is configured, so grain state and reminders live in memory. " +
                    "NOTHING SURVIVES A RESTART. Set ConnectionStrings__Layers to a PostgreSQL database for durable operation.");
            }

            if (clockOffset != TimeSpan.Zero)
            {
                logger.LogWarning("SHIFTED CLOCK: {Setting} is {Offset}; the service runs its business clock that far from the machine's.", ClockOffsetSetting, clockOffset);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The machine's clock moved by a fixed offset.</summary>
    private sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + offset;
    }
}
