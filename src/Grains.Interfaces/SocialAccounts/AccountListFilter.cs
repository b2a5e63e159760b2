namespace Layers.SocialAccounts;

/// <summary>Filters of the project's account list. A null status leaves disconnected accounts out.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountListFilter(
    [property: Id(0)] string? Platform,
    [property: Id(1)] IReadOnlyList<string>? Statuses,
    [property: Id(2)] bool? Leased);
