using Layers.Publishing;

namespace Layers.Platforms;

/// <summary>
/// One post for one account. <see cref="Mode"/> is already validated for the platform: TikTok <c>direct_publish</c> /
/// <c>draft_to_device</c>; Instagram <c>reels</c> / <c>feed</c> (the service resolves Instagram
/// <c>direct_publish</c> to one of them before calling). <see cref="PlatformUserId"/> is the account's id at the
/// platform (Instagram needs it in the path). <see cref="Options"/> are the post's options as applied at scheduling.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PublishRequest(
    [property: Id(0)] string PlatformUserId,
    [property: Id(1)] string Mode,
    [property: Id(2)] string? Caption,
    [property: Id(3)] IReadOnlyList<PublishAsset> Assets,
    [property: Id(4)] PostOptions? Options = null);
