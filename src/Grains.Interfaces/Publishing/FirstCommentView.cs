using Layers.Common;

namespace Layers.Publishing;

/// <summary>What became of the content's first comment on this post.</summary>
/// <remarks>
/// What became of the container's first comment on this post: <c>pending</c> until the post is live, then <c>posted</c>
/// (with the platform's comment id) or <c>failed</c> (with why); <c>not_supported</c> where the platform has no API for
/// it (TikTok). A failed comment never fails its post.
/// </remarks>
/// <param name="Status">
/// `pending` (the post is not live yet), `posted`, `failed` (the post itself is unaffected) or `not_supported` (TikTok
/// has no API for comments).
/// </param>
/// <param name="CommentId">The platform's id of the comment; null unless `posted`.</param>
/// <param name="Error">
/// Why it failed: the platform's error code, `scope_missing` (the user declined `instagram_business_manage_comments`),
/// `post_not_published` (the post failed or was canceled) or `outcome_unknown`; null otherwise.
/// </param>
[GenerateSerializer, Immutable]
public sealed record FirstCommentView(
    [property: Id(0), OneOf(FirstCommentView.Pending, FirstCommentView.Posted, FirstCommentView.Failed, FirstCommentView.NotSupported)] string Status,
    [property: Id(1)] string? CommentId,
    [property: Id(2)] string? Error)
{
    public const string Pending = "pending";
    public const string Posted = "posted";
    public const string Failed = "failed";
    public const string NotSupported = "not_supported";
}
