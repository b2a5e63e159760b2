namespace Layers.Publishing;

/// <summary>
/// What became of the container's first comment on this post: <c>pending</c> until the post is live, then
/// <c>posted</c> (with the platform's comment id) or <c>failed</c> (with why); <c>not_supported</c> where the platform
/// has no API for it (TikTok). A failed comment never fails its post.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FirstCommentView(
    [property: Id(0)] string Status,
    [property: Id(1)] string? CommentId,
    [property: Id(2)] string? Error)
{
    public const string Pending = "pending";
    public const string Posted = "posted";
    public const string Failed = "failed";
    public const string NotSupported = "not_supported";
}
