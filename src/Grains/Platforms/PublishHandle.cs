namespace Layers.Platforms;

/// <summary>
/// The platform's handle of a handed-off post (TikTok <c>publish_id</c>; Instagram container id), and what the
/// later steps need to go on (e.g. the Instagram user id for <c>media_publish</c>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PublishHandle(
    [property: Id(0)] string Id,
    [property: Id(1)] string PlatformUserId,
    [property: Id(2)] string Mode);
