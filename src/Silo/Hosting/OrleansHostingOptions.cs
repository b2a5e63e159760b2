namespace Layers.Silo.Hosting;

/// <summary>How this process takes part in the Orleans cluster (configuration section <c>Orleans</c>).</summary>
public sealed class OrleansHostingOptions
{
    public const string SectionName = "Orleans";

    /// <summary><c>cohosted</c> (default): a silo that also serves HTTP; <c>client</c>: a front joining as a client.</summary>
    public string Role { get; set; } = HostingRole.Cohosted;

    /// <summary>Silos with the same cluster id form one cluster. Default <c>layers</c>.</summary>
    public string ClusterId { get; set; } = "layers";

    /// <summary>Stable across deployments: it keys grain state and reminders. Default <c>layers</c>.</summary>
    public string ServiceId { get; set; } = "layers";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Host name or IP address other silos reach this one at. Default: 127.0.0.1, a cluster on one machine.
    /// </summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Smallest reminder period accepted. Default one minute; tests lower it.</summary>
    public TimeSpan ReminderMinimumPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Grain addresses each silo remembers (Orleans' directory cache, least recently used first out). Posts are reached
    /// rarely and far apart, so a large cache fills with posts that will not be called again: once 100,000 entries
    /// were full, schedules ran a quarter slower on the benchmark's single silo (README "Performance"); a small cache
    /// costs a directory lookup now and then, which is local on a single silo and one hop in a cluster, where the
    /// grains called often (keys, projects, accounts) may warrant more. Default 5,000.
    /// </summary>
    public int DirectoryCacheSize { get; set; } = 5_000;
}
