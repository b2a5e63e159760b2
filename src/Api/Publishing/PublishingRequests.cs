using System.ComponentModel.DataAnnotations;
using Layers.Api.OpenApi;
using Layers.Common;
using Layers.Publishing;

namespace Layers.Api.Publishing;

/// <summary>One media file to publish.</summary>
/// <param name="Kind">`video` or `image`. Required.</param>
/// <param name="Url">Where the platform fetches the file: an absolute `https` URL. Required.</param>
/// <param name="MimeType">The file's media type, e.g. `video/mp4`, at most 100 characters; optional.</param>
/// <param name="DurationMs">A video's length in milliseconds, positive; optional.</param>
public sealed record ContentAssetRequest(
    [property: Required, OneOf("video", "image")] string? Kind,
    [property: Required, StringLength(2048)] string? Url,
    [property: StringLength(100)] string? MimeType,
    [property: Range(1, long.MaxValue)] long? DurationMs);

/// <summary>An uploaded content container: the media and the text to publish.</summary>
/// <param name="Caption">The post's text, at most 2,200 characters; optional.</param>
/// <param name="FirstComment">
/// A first comment, at most 2,200 characters, posted under each Instagram post right after it goes live (TikTok has no
/// API for it: its posts say `not_supported`); null for none.
/// </param>
/// <param name="Assets">The media, in order: 1–35 files. Required.</param>
[RequestExample("""{"caption": "Launch day #coffee", "assets": [{"kind": "video", "url": "https://cdn.partner.example/clip.mp4", "mimeType": "video/mp4", "durationMs": 15000}]}""")]
public sealed record CreateContentRequest(
    [property: StringLength(PublishingRules.MaxCaption)] string? Caption,
    [property: StringLength(PublishingRules.MaxCaption)] string? FirstComment,
    [property: Required, Length(1, PublishingRules.MaxAssets)] List<ContentAssetRequest?>? Assets);

/// <summary>One account to publish the content to.</summary>
/// <param name="SocialAccountId">
/// An account of the content's project (`sa_…`): unknown is `404`, `disconnected` is `409 CONFLICT`; `reauth_required`
/// is accepted. Required.
/// </param>
/// <param name="Mode">
/// How the post goes out. TikTok: `direct_publish` (default) or `draft_to_device` (lands in the creator's TikTok inbox
/// to finish on the phone); Instagram: `direct_publish` (default: one video as a reel, images as a feed post or
/// carousel), `reels` or `feed`. Any other is `422 MODE_NOT_SUPPORTED`; assets a mode cannot carry are `422
/// VALIDATION`.
/// </param>
/// <param name="ScheduledPostId">
/// The partner's own id for the post (`sp_` and a ULID), to make a retry safe: one that exists already is `409
/// CONFLICT`. Default: a new id.
/// </param>
/// <param name="CaptionOverride">
/// This post's text instead of the container's caption, at most 2,200 characters; optional.
/// </param>
/// <param name="Options">
/// The platform's own options for this post (TikTok or Instagram ones only), checked against the creator's current
/// settings now and again at the hand-off; every problem is listed at once (`422`, path
/// `targets[i].options.&lt;name&gt;`). Optional.
/// </param>
public sealed record ScheduleTargetRequest(
    [property: Required, RegularExpression(WirePatterns.SocialAccountId)] string? SocialAccountId,
    [property: OneOf(PostModes.DirectPublish, PostModes.DraftToDevice, PostModes.Reels, PostModes.Feed)] string? Mode,
    [property: RegularExpression(WirePatterns.ScheduledPostId)] string? ScheduledPostId,
    [property: StringLength(PublishingRules.MaxCaption)] string? CaptionOverride,
    PostOptions? Options = null);

/// <summary>When and where to publish a content container.</summary>
/// <param name="ScheduledFor">
/// When to publish (ISO-8601; an offset is normalised to UTC). More than 30 s in the past or more than 365 days ahead
/// is `422`; within 30 s publishes now. Required to schedule; left out by publish-now.
/// </param>
/// <param name="Targets">
/// The accounts to publish to, 1–50. All or nothing: one bad target rejects the request, listing every problem.
/// Required.
/// </param>
[RequestExample("""
    {
      "scheduledFor": "2026-12-24T17:00:00Z",
      "targets": [
        {
          "socialAccountId": "sa_01JF3Q9V6ZK8Y2T4R7M5N0P1AB",
          "mode": "direct_publish",
          "options": { "privacyLevel": "FOLLOWER_OF_CREATOR", "disableDuet": true, "brandOrganicToggle": true, "videoCoverTimestampMs": 1500 }
        },
        {
          "socialAccountId": "sa_01JF3QA2C4D6E8F0G2H4J6K8MN",
          "mode": "reels",
          "captionOverride": "New roast, out now",
          "options": { "shareToFeed": true, "thumbOffsetMs": 2000, "collaborators": ["roastery.co"] }
        }
      ]
    }
    """)]
public sealed record ScheduleRequest(DateTimeOffset? ScheduledFor, [property: Required, Length(1, PublishingRules.MaxTargets)] List<ScheduleTargetRequest?>? Targets);

/// <summary>A new time for a queued post.</summary>
/// <param name="ScheduledFor">
/// The new time (ISO-8601; an offset is normalised to UTC). More than 30 s in the past or more than 365 days ahead is
/// `422`; within 30 s publishes now. Required.
/// </param>
[RequestExample("""{"scheduledFor": "2026-12-24T18:00:00Z"}""")]
public sealed record RescheduleRequest([property: Required] DateTimeOffset? ScheduledFor);

/// <summary>Why a queued post is canceled; the body may be left out.</summary>
/// <param name="Reason">
/// Shown as the post's `cancelReason`, at most 500 characters; default `canceled_by_partner`.
/// </param>
[RequestExample("""{"reason": "campaign moved"}""")]
public sealed record CancelPostRequest([property: StringLength(500)] string? Reason);

/// <summary>A post just queued.</summary>
/// <param name="Id">The scheduled post's id (`sp_…`).</param>
/// <param name="SocialAccountId">The social account's id (`sa_…`).</param>
/// <param name="Platform">The platform: `tiktok` or `instagram`.</param>
/// <param name="Mode">
/// How the post goes out. TikTok: `direct_publish` (default) or `draft_to_device` (lands in the creator's TikTok inbox
/// to finish on the phone); Instagram: `direct_publish` (default: one video as a reel, images as a feed post or
/// carousel), `reels` or `feed`.
/// </param>
/// <param name="Status">`queued`.</param>
/// <param name="ScheduledFor">When the post is handed to the platform (ISO-8601, UTC).</param>
public sealed record ScheduledPostSummary(string Id, string SocialAccountId, string Platform, string Mode, string Status, DateTimeOffset ScheduledFor);

/// <summary>The posts created, one per target.</summary>
/// <param name="ContainerId">The content container's id (`cnt_…`).</param>
/// <param name="ScheduledPosts">One queued post per target, in the targets' order.</param>
public sealed record ScheduleResponse(string ContainerId, IReadOnlyList<ScheduledPostSummary> ScheduledPosts);

/// <summary>A post just canceled.</summary>
/// <param name="Id">The scheduled post's id (`sp_…`).</param>
/// <param name="Status">Always `canceled`.</param>
/// <param name="CanceledAt">When the post was canceled (ISO-8601, UTC).</param>
public sealed record CanceledPostResponse(string Id, string Status, DateTimeOffset? CanceledAt);
