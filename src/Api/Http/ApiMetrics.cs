using System.Diagnostics.Metrics;
using Layers.ApiKeys;
using Layers.Common;

namespace Layers.Api.Http;

/// <summary>The HTTP front's own instruments, on the service's meter.</summary>
internal static class ApiMetrics
{
    private static readonly Meter Meter = new(MeterNames.Layers, "1.0");

    private static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>(
        "layers.rate_limit.rejections", unit: "{request}", description: "Requests refused with RATE_LIMITED, by request class and tier.");

    public static void RateLimitRejected(RequestClass requestClass, string tier) =>
        RateLimitRejections.Add(1,
            new KeyValuePair<string, object?>("request.class", requestClass == RequestClass.Read ? "read" : "write"),
            new KeyValuePair<string, object?>("tier", tier));
}
