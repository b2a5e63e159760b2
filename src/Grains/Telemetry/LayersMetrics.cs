using System.Diagnostics.Metrics;
using Layers.ApiKeys;

namespace Layers.Telemetry;

/// <summary>
/// The service's own instruments, on the meter <c>Layers</c>: what operators watch about publishing, tokens, leases,
/// webhooks and rate limits. Tags carry platforms, outcomes and error codes only — never ids, tokens or secrets, so
/// their number stays small and nothing sensitive leaves the process.
/// </summary>
public static class LayersMetrics
{
    public const string MeterName = Common.MeterNames.Layers;

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Histogram<double> PublishLateness = Meter.CreateHistogram(
        "layers.publish.lateness",
        unit: "s",
        description: "How long after its scheduled time a post was handed to the platform.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600] });

    private static readonly Counter<long> PublishOutcomes = Meter.CreateCounter<long>(
        "layers.publish.outcomes", unit: "{post}", description: "How hand-offs to the platforms ended, by platform, outcome and error code.");

    private static readonly Counter<long> TokenRefreshes = Meter.CreateCounter<long>(
        "layers.token.refreshes", unit: "{refresh}", description: "Access-token refreshes by platform and outcome (succeeded, failed, refused).");

    private static readonly Counter<long> ReauthRequired = Meter.CreateCounter<long>(
        "layers.accounts.reauth_required", unit: "{account}", description: "Connected accounts flipped to reauth_required, by platform and reason.");

    private static readonly Counter<long> LeaseCharges = Meter.CreateCounter<long>(
        "layers.lease.charges", unit: "{charge}", description: "Lease charges against organization wallets, by outcome (paid, insufficient_funds).");

    private static readonly Counter<long> LeaseChargedCents = Meter.CreateCounter<long>(
        "layers.lease.charged", unit: "{cent}", description: "Amount taken from wallets by lease charges, in US cents.");

    private static readonly Counter<long> LeaseRenewalFailures = Meter.CreateCounter<long>(
        "layers.lease.renewal_failures", unit: "{renewal}", description: "Lease renewals the wallet could not pay, by outcome (retrying, released).");

    private static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>(
        "layers.webhook.deliveries", unit: "{delivery}", description: "Finished webhook deliveries by outcome (delivered, failed) and error code.");

    /// <summary>A post was handed to the platform <paramref name="lateness"/> after its scheduled time.</summary>
    public static void PostHandedOff(string platform, TimeSpan lateness) =>
        PublishLateness.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>("platform", platform));

    /// <summary>A hand-off ended: <c>published</c>, <c>draft</c>, <c>failed</c> (with its error code) or <c>postponed</c>.</summary>
    public static void PostOutcome(string platform, string outcome, string? errorCode) =>
        PublishOutcomes.Add(1,
            new KeyValuePair<string, object?>("platform", platform),
            new KeyValuePair<string, object?>("outcome", outcome),
            new KeyValuePair<string, object?>("error.code", errorCode ?? "none"));

    public static void TokenRefreshed(string platform) => Refresh(platform, "succeeded", "none");

    /// <summary>
    /// A refresh did not work: <paramref name="refused"/> when the platform rejected the grant for good (the account
    /// then needs the customer), otherwise a failure that is retried.
    /// </summary>
    public static void TokenRefreshFailed(string platform, string error, bool refused) =>
        Refresh(platform, refused ? "refused" : "failed", error);

    public static void AccountNeedsReauth(string platform, string reason) =>
        ReauthRequired.Add(1,
            new KeyValuePair<string, object?>("platform", platform),
            new KeyValuePair<string, object?>("reason", reason));

    public static void LeaseCharged(int charges, long amountCents)
    {
        LeaseCharges.Add(charges, new KeyValuePair<string, object?>("outcome", "paid"));
        LeaseChargedCents.Add(amountCents);
    }

    public static void LeaseChargesRefused(int charges) =>
        LeaseCharges.Add(charges, new KeyValuePair<string, object?>("outcome", "insufficient_funds"));

    /// <summary>A renewal went unpaid; <paramref name="released"/> once the grace period is over and the account goes back.</summary>
    public static void LeaseRenewalFailed(bool released) =>
        LeaseRenewalFailures.Add(1, new KeyValuePair<string, object?>("outcome", released ? "released" : "retrying"));

    public static void WebhookDeliveryFinished(string status, string? errorCode) =>
        WebhookDeliveries.Add(1,
            new KeyValuePair<string, object?>("outcome", status),
            new KeyValuePair<string, object?>("error.code", errorCode ?? "none"));

    private static void Refresh(string platform, string outcome, string error) =>
        TokenRefreshes.Add(1,
            new KeyValuePair<string, object?>("platform", platform),
            new KeyValuePair<string, object?>("outcome", outcome),
            new KeyValuePair<string, object?>("error.code", error));
}
