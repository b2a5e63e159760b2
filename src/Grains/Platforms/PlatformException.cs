namespace Layers.Platforms;

/// <summary>A platform call that failed. <see cref="PlatformCode"/> is the platform's own error code.</summary>
[GenerateSerializer]
public class PlatformException : Exception
{
    public PlatformException(string message, string? platformCode, int? httpStatus = null, bool retryable = false)
        : base(message)
    {
        PlatformCode = platformCode;
        HttpStatus = httpStatus;
        Retryable = retryable;
    }

    [Id(0)] public string? PlatformCode { get; private set; }

    [Id(1)] public int? HttpStatus { get; private set; }

    /// <summary>True for transient failures (5xx, timeouts, platform rate limits) worth trying again later.</summary>
    [Id(2)] public bool Retryable { get; private set; }

    /// <summary>
    /// True when the request certainly never reached the platform (no connection could be made, or this side's
    /// resilience pipeline refused to send it), so even an unsafe call can be made again.
    /// </summary>
    [Id(3)] public bool NotSent { get; init; }

    /// <summary>True when the platform refused because a per-token or per-user call limit was reached.</summary>
    [Id(4)] public bool RateLimited { get; init; }
}
