namespace Layers.Sandbox;

/// <summary>
/// One post handed to a simulator: a TikTok publish (by <c>publish_id</c>) or an Instagram media container. What it
/// was created with never changes; its progress is changed only by <see cref="SandboxPublishing"/>, under its lock.
/// </summary>
public sealed class SandboxPublish(
    string id, string handle, string platformUserId, string mode, string kind, string? caption, IReadOnlyList<SandboxAsset> assets)
{
    public string Id => id;

    public string Handle => handle;

    public string PlatformUserId => platformUserId;

    /// <summary>The service's mode: <c>direct_publish</c> / <c>draft_to_device</c> (TikTok), <c>reels</c> / <c>feed</c> (Instagram).</summary>
    public string Mode => mode;

    /// <summary>TikTok <c>VIDEO</c> / <c>PHOTO</c>; Instagram <c>REELS</c>, <c>IMAGE</c>, <c>VIDEO</c> (carousel item) or <c>CAROUSEL</c>.</summary>
    public string Kind => kind;

    public string? Caption => caption;

    public IReadOnlyList<SandboxAsset> Assets => assets;

    /// <summary>
    /// What the platform received besides the media, exactly as sent: TikTok's <c>post_info</c> fields, Instagram's
    /// container parameters (the token left out). Tests read it to see the options a client sent.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Received { get; init; } = new Dictionary<string, object?>();

    /// <summary>Instagram: comments posted under the published media, in order (changed under the publishing lock).</summary>
    public List<SandboxComment> Comments { get; } = [];

    /// <summary>When the platform received the init call or the container creation (the hand-off).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>TikTok: lands in the creator's inbox instead of going live.</summary>
    public bool ToInbox { get; init; }

    /// <summary>Instagram: a carousel item, published only as part of its carousel.</summary>
    public bool IsCarouselItem { get; init; }

    /// <summary>Instagram carousel: its items' container ids, in order.</summary>
    public IReadOnlyList<string> Children { get; init; } = [];

    /// <summary>
    /// The platform's own look at the media it fetched: completes with the failure it found (TikTok <c>fail_reason</c>,
    /// Instagram error subcode), or null when the media pass. Until it completes the post is still downloading.
    /// </summary>
    public SandboxMediaCheck? MediaCheck { get; init; }

    /// <summary>TikTok: a <c>FILE_UPLOAD</c> still receiving chunks; the post is processing the upload until the last.</summary>
    internal TikTok.TikTokUpload? Upload { get; init; }

    /// <summary>The processing failure armed for this post: TikTok <c>fail_reason</c>, Instagram error code.</summary>
    public string? FailCode { get; init; }

    /// <summary>
    /// TikTok: status reads after <c>PUBLISH_COMPLETE</c> before the public post id appears, as the creator was shaped
    /// when the post was handed over (moderation takes that long).
    /// </summary>
    public int ModerationReads { get; init; }

    /// <summary>Status reads so far; the simulated processing advances with them, not with time.</summary>
    public int Checks { get; internal set; }

    /// <summary>Delivered (published, or sent to the inbox); recorded exactly once.</summary>
    public bool Delivered { get; internal set; }

    public bool Expired { get; internal set; }

    /// <summary>The post's id once delivered (TikTok video id, Instagram media id); null for an inbox draft.</summary>
    public string? PostId { get; internal set; }

    /// <summary>Metric reads so far; the counters grow with them.</summary>
    public int MetricQueries { get; internal set; }
}
