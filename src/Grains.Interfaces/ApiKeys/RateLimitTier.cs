namespace Layers.ApiKeys;

/// <summary>Requests per minute for one API key, by class.</summary>
public static class RateLimitTier
{
    public const string Standard = "standard";
    public const string Pilot = "pilot";
    public const string Partner = "partner";

    public static readonly IReadOnlyList<string> All = [Standard, Pilot, Partner];

    public static (int Reads, int Writes) Budget(string tier) => tier switch
    {
        Pilot => (1_200, 600),
        Partner => (6_000, 3_000),
        _ => (120, 60),
    };
}
