namespace Layers.Sandbox;

/// <summary>
/// One delivery as the control endpoint lists it: a post that went live (TikTok <c>PUBLISH_COMPLETE</c>, Instagram
/// <c>media_publish</c>) or landed in the creator's inbox (TikTok <c>SEND_TO_USER_INBOX</c>). <see cref="Id"/> is the
/// post's id at the platform (TikTok video id, Instagram media id; the <c>publish_id</c> for an inbox draft, which
/// has no post yet); <see cref="PublishId"/> is the handle the client polled (TikTok <c>publish_id</c>, Instagram
/// container id). <see cref="Mode"/> is <c>direct_publish</c> / <c>draft_to_device</c> for TikTok and
/// <c>reels</c> / <c>feed</c> for Instagram. <see cref="ReceivedAt"/> is when the platform first received the post
/// (the hand-off), <see cref="At"/> when it was delivered; <see cref="ReceivedAtUnixMs"/> is the hand-off to the
/// millisecond (timestamps on the wire have whole seconds). <see cref="Received"/> is what the platform received
/// besides the media (TikTok <c>post_info</c>, Instagram container parameters); <see cref="Comments"/> the comments
/// posted under it so far.
/// </summary>
public sealed record SandboxPublishedPost(
    string Id,
    string PublishId,
    string Handle,
    string PlatformUserId,
    string Mode,
    string? Caption,
    IReadOnlyList<SandboxAsset> Assets,
    DateTimeOffset At,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, object?> Received)
{
    public IReadOnlyList<SandboxComment> Comments { get; init; } = [];

    public long ReceivedAtUnixMs => ReceivedAt.ToUnixTimeMilliseconds();
}
