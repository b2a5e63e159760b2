namespace Layers.Leasing;

/// <summary>What a leased account is about: vertical (required), audience, BCP-47 language, ISO 3166-1 countries.</summary>
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
