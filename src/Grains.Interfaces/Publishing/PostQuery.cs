namespace Layers.Publishing;

[GenerateSerializer, Immutable]
public sealed record PostQuery(
    [property: Id(0)] IReadOnlyList<string> Statuses,
    [property: Id(1)] string? SocialAccountId,
    [property: Id(2)] DateTimeOffset? Since,
    [property: Id(3)] DateTimeOffset? Until);
