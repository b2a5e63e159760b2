namespace Layers.Leasing;

/// <summary>What the accounts are about: `vertical` (required), `audience`, `language` and `geo`.</summary>
/// <remarks>
/// What a leased account is about: vertical (required), audience, BCP-47 language, ISO 3166-1 countries.
/// </remarks>
/// <param name="Vertical">The subject area, e.g. `coffee`. Required.</param>
/// <param name="Audience">Who the account speaks to, e.g. `home baristas`; null for any.</param>
/// <param name="Language">A BCP-47 language tag, e.g. `en-US`; null for any.</param>
/// <param name="Geo">ISO 3166-1 alpha-2 country codes, e.g. `["US", "CA"]`; empty or null for any.</param>
[GenerateSerializer, Immutable]
public sealed record LeaseNiche(
    [property: Id(0)] string Vertical,
    [property: Id(1)] string? Audience,
    [property: Id(2)] string? Language,
    [property: Id(3)] IReadOnlyList<string> Geo)
{
    /// <summary>Value equality including the country list (records compare lists by reference).</summary>
    public bool SameAs(LeaseNiche other) =>
        Vertical == other.Vertical && Audience == other.Audience && Language == other.Language && Geo.SequenceEqual(other.Geo);
}
