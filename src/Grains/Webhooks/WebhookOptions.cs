namespace Layers.Webhooks;

/// <summary>Outbound webhook settings (configuration section <c>Layers:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Layers:Webhooks";

    /// <summary>
    /// Lets endpoints live on private, loopback and link-local networks (for on-premises installs and tests). Cloud
    /// metadata and reserved addresses stay refused regardless. Default false.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Lets endpoints live on loopback addresses (<c>localhost</c>). Default false; trial mode turns it on.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// How often a pending delivery's reminder wakes it when no retry is due sooner: the bound on how long a
    /// delivery waits after a restart. Default one minute; it cannot be below <c>Orleans:ReminderMinimumPeriod</c>.
    /// </summary>
    public TimeSpan WakeUpPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
