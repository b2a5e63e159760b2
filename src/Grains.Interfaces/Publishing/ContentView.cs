using Layers.Common;

namespace Layers.Publishing;

/// <summary>A content container: media and text that can be published to accounts of its project.</summary>
/// <remarks>An uploaded content container as the API shows it.</remarks>
/// <param name="Id">The content container's id (`cnt_…`).</param>
/// <param name="ProjectId">The project's id (a UUID).</param>
/// <param name="Status">
/// `validating` while the media are read (it may be scheduled; the hand-off checks again), `completed` when every asset
/// was read and some platform takes each, `failed` when an asset cannot be published anywhere (see `assetProblems`).
/// </param>
/// <param name="CreativeType">Always `uploaded`: the media were supplied by URL.</param>
/// <param name="Caption">The post's text, at most 2,200 characters; null for none.</param>
/// <param name="FirstComment">
/// A first comment, at most 2,200 characters, posted under each Instagram post right after it goes live (TikTok has no
/// API for it: its posts say `not_supported`); null for none.
/// </param>
/// <param name="Assets">The media, in order (1–35), with the facts read from each file once checked.</param>
/// <param name="AssetProblems">Why assets cannot be published; empty unless `status` is `failed`.</param>
/// <param name="CreatedAt">When the container was created (ISO-8601, UTC).</param>
[GenerateSerializer, Immutable]
public sealed record ContentView(
    [property: Id(0)] string Id,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2), OneOf(ContentStatus.Validating, ContentStatus.Completed, ContentStatus.Failed)] string Status,
    [property: Id(3)] string CreativeType,
    [property: Id(4)] string? Caption,
    [property: Id(5)] string? FirstComment,
    [property: Id(6)] IReadOnlyList<ContentAsset> Assets,
    [property: Id(8)] IReadOnlyList<AssetProblem> AssetProblems,
    [property: Id(7)] DateTimeOffset CreatedAt);
