using System.Globalization;
using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Api.Projects;
using Layers.Api.OpenApi;
using Layers.ApiKeys;
using Layers.Common;
using Layers.Projects;
using Layers.Publishing;
using Layers.SocialAccounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Layers.Api.Publishing;

/// <summary>Content containers, scheduling and publishing, and the scheduled posts (API.md §5).</summary>
public static class PublishingApi
{
    public static IEndpointRouteBuilder MapPublishingApi(this IEndpointRouteBuilder routes)
    {
        var v1 = routes.MapGroup("/v1").WithTags("Content and publishing");
        v1.MapPost("/projects/{projectId}/content", CreateContentAsync).RequireScope(Scopes.ContentWrite).ProducesErrors(404, 409, 422)
            .Describe("createContent", "Creates a content container",
                "`{caption? (≤ 2200), firstComment?, assets: [{kind: video|image, url (https), mimeType?, durationMs?}] (1–35)}` → `201` with `status: \"completed\"`.");
        v1.MapGet("/content/{containerId}", GetContentAsync).RequireScope(Scopes.ContentRead).ProducesErrors(404)
            .Describe("getContent", "Gets a content container");
        v1.MapPost("/content/{containerId}/schedule", ScheduleAsync).RequireScope(Scopes.PublishWrite).ProducesErrors(404, 409, 422)
            .Describe("schedulePosts", "Schedules the content to accounts",
                "`{scheduledFor, targets: [{socialAccountId, mode?, scheduledPostId?, captionOverride?}] (1–50)}` → `201` with one queued post per target. All or nothing: " +
                "one bad target rejects the request, listing every problem. Modes: TikTok `direct_publish` (default) or `draft_to_device`; Instagram `direct_publish` (default), `reels`, `feed` " +
                "(else `422 MODE_NOT_SUPPORTED`). `scheduledFor` more than 30 s in the past or more than 365 days ahead is `422`; within 30 s publishes now. " +
                "Each post is handed to the platform at most once.");
        v1.MapPost("/content/{containerId}/publish", PublishNowAsync).RequireScope(Scopes.PublishWrite).ProducesErrors(404, 409, 422)
            .Describe("publishNow", "Publishes the content to accounts now", "As schedule, without `scheduledFor`.");
        v1.MapGet("/scheduled-posts/{id}", GetPostAsync).RequireScope(Scopes.PublishRead).ProducesErrors(404)
            .Describe("getScheduledPost", "Gets a scheduled post",
                "`status: queued|publishing|draft|published|failed|canceled`; `draft` is delivered to the TikTok inbox. `lastError` carries `CREDENTIAL_INVALID`, `PLATFORM_ERROR` (with `platformCode`), " +
                "`MEDIA_REJECTED`, `RATE_LIMITED_BY_PLATFORM` (retried later), `ACCOUNT_DISCONNECTED` or `PUBLISH_OUTCOME_UNKNOWN`; `metrics` are synced after publishing.");
        v1.MapGet("/projects/{projectId}/scheduled-posts", ListPostsAsync).RequireScope(Scopes.PublishRead).ProducesErrors(404, 422)
            .WithQuery("status", "Only these statuses (repeatable or comma-separated).", OpenApiSetup.QueryType.RepeatedString, "queued", "publishing", "draft", "published", "failed", "canceled")
            .WithQuery("socialAccountId", "Only posts to this account.")
            .WithQuery("since", "Only posts scheduled at or after this time (ISO-8601).", OpenApiSetup.QueryType.DateTime)
            .WithQuery("until", "Only posts scheduled before this time (ISO-8601).", OpenApiSetup.QueryType.DateTime)
            .WithPaging(50, 100)
            .Describe("listScheduledPosts", "Lists a project's posts, newest scheduled time first");
        v1.MapPost("/scheduled-posts/{id}/reschedule", RescheduleAsync).RequireScope(Scopes.PublishWrite).ProducesErrors(404, 409, 422)
            .Describe("reschedulePost", "Moves a queued post to another time", "`{scheduledFor}`; only `queued` posts, else `409`.");
        v1.MapDelete("/scheduled-posts/{id}", CancelAsync).RequireScope(Scopes.PublishWrite).ProducesErrors(404, 409)
            .Describe("cancelScheduledPost", "Cancels a queued post", "`{reason?}` → `{id, status: \"canceled\", canceledAt}`; only `queued` posts, else `409`.");
        return routes;
    }

    /// <param name="body">The media and text to publish.</param>
    /// <returns>The content container (`status: completed`).</returns>
    public static async Task<Created<ContentView>> CreateContentAsync(
        string projectId, CreateContentRequest body, Caller caller, IGrainFactory grains, [FromKeyedServices(LayersTime.Key)] TimeProvider time)
    {
        var project = await grains.GetGrain<IProjectGrain>(ProjectRules.ParseId(projectId)).GetAsync(caller.OrganizationId);
        var draft = PublishingRules.ValidateContent(body);
        var content = await grains.GetGrain<IContentContainerGrain>(Ids.New("cnt_", time)).CreateAsync(caller.OrganizationId, project.Id, draft);
        return TypedResults.Created($"/v1/content/{content.Id}", content);
    }

    /// <returns>The content container.</returns>
    public static async Task<Ok<ContentView>> GetContentAsync(string containerId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IContentContainerGrain>(PublishingRules.ContainerId(containerId)).GetAsync(caller.OrganizationId));

    /// <param name="body">When to publish, and to which accounts.</param>
    /// <returns>One queued post per target.</returns>
    public static Task<Created<ScheduleResponse>> ScheduleAsync(
        string containerId, ScheduleRequest body, Caller caller, IGrainFactory grains, [FromKeyedServices(LayersTime.Key)] TimeProvider time) =>
        ScheduleCoreAsync(containerId, body.ScheduledFor, body.Targets, caller, grains, time);

    /// <param name="body">The accounts to publish to; `scheduledFor` is left out.</param>
    /// <returns>One queued post per target, due now.</returns>
    public static Task<Created<ScheduleResponse>> PublishNowAsync(
        string containerId, ScheduleRequest body, Caller caller, IGrainFactory grains, [FromKeyedServices(LayersTime.Key)] TimeProvider time) =>
        ScheduleCoreAsync(containerId, time.GetUtcNow(), body.Targets, caller, grains, time);

    /// <returns>The scheduled post.</returns>
    public static async Task<Ok<ScheduledPostView>> GetPostAsync(string id, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IScheduledPostGrain>(PublishingRules.PostId(id)).GetAsync(caller.OrganizationId));

    /// <returns>A page of the project's posts, newest `scheduledFor` first.</returns>
    public static async Task<Ok<PageResponse<ScheduledPostView>>> ListPostsAsync(
        string projectId, Caller caller, HttpRequest request, IGrainFactory grains, IPostReadModel listing, CancellationToken cancellationToken)
    {
        var project = await grains.GetGrain<IProjectGrain>(ProjectRules.ParseId(projectId)).GetAsync(caller.OrganizationId);
        var paging = Paging.From(request, 50, 100, validateCursor: false);
        var validator = new Validator();
        var query = request.Query;
        var statuses = query["status"].SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        validator.Check(statuses.All(ScheduledPostStatus.All.Contains), "status", $"Each of {string.Join(", ", ScheduledPostStatus.All)}.");
        var account = query["socialAccountId"].ToString() is { Length: > 0 } a ? a : null;
        var since = Timestamp(query["since"].ToString(), "since", validator);
        var until = Timestamp(query["until"].ToString(), "until", validator);
        string? after = null;
        if (paging.Cursor is not null)
        {
            after = Cursor.DecodeKey(paging.Cursor);
            validator.Check(PostListKey.TryParse(after, out _, out _), "cursor", "The cursor is not one this service issued.");
        }

        validator.ThrowIfInvalid();
        var page = await listing.ListAsync(project.Id, new PostQuery(statuses, account, since, until), after, paging.Limit, cancellationToken);
        return TypedResults.Ok(new PageResponse<ScheduledPostView>(page.Items, page.NextCursor is null ? null : Cursor.EncodeKey(page.NextCursor)));
    }

    /// <param name="body">The new time.</param>
    /// <returns>The post at its new time.</returns>
    public static async Task<Ok<ScheduledPostView>> RescheduleAsync(
        string id, RescheduleRequest body, Caller caller, IGrainFactory grains, [FromKeyedServices(LayersTime.Key)] TimeProvider time)
    {
        var post = grains.GetGrain<IScheduledPostGrain>(PublishingRules.PostId(id));
        await post.GetAsync(caller.OrganizationId);
        var validator = new Validator();
        var due = PublishingRules.DueTime(body.ScheduledFor, time.GetUtcNow(), validator);
        validator.ThrowIfInvalid();
        return TypedResults.Ok(await post.RescheduleAsync(caller.OrganizationId, due));
    }

    /// <param name="body">Optionally, why the post is canceled.</param>
    /// <returns>The post is canceled.</returns>
    public static async Task<Ok<CanceledPostResponse>> CancelAsync(string id, [FromBody] CancelPostRequest? body, Caller caller, IGrainFactory grains)
    {
        var validator = new Validator();
        var reason = validator.Text(body?.Reason, "reason", 500);
        validator.ThrowIfInvalid();
        var post = await grains.GetGrain<IScheduledPostGrain>(PublishingRules.PostId(id)).CancelAsync(caller.OrganizationId, reason);
        return TypedResults.Ok(new CanceledPostResponse(post.Id, post.Status, post.CanceledAt));
    }

    private static async Task<Created<ScheduleResponse>> ScheduleCoreAsync(
        string containerId, DateTimeOffset? scheduledFor, List<ScheduleTargetRequest?>? targets,
        Caller caller, IGrainFactory grains, TimeProvider time)
    {
        containerId = PublishingRules.ContainerId(containerId);
        var validator = new Validator();
        var due = PublishingRules.DueTime(scheduledFor, time.GetUtcNow(), validator);
        if (targets is not { Count: > 0 and <= PublishingRules.MaxTargets })
        {
            validator.Add("targets", $"1–{PublishingRules.MaxTargets} targets.");
            targets = [];
        }

        var seenIds = new HashSet<string>();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (target is null)
            {
                validator.Add($"targets[{i}]", "Required.");
                continue;
            }

            validator.Check(target.SocialAccountId is not null, $"targets[{i}].socialAccountId", "Required.");
            validator.Check(target.CaptionOverride is null || target.CaptionOverride.Length <= PublishingRules.MaxCaption, $"targets[{i}].captionOverride", $"At most {PublishingRules.MaxCaption} characters.");
            if (target.ScheduledPostId is { } postId)
            {
                validator.Check(Ids.IsWellFormed(postId, "sp_"), $"targets[{i}].scheduledPostId", "An id of the form sp_<ULID>.");
                validator.Check(seenIds.Add(postId), $"targets[{i}].scheduledPostId", "Used twice in this request.");
            }
        }

        validator.ThrowIfInvalid();

        // One call: the batch checks every target against its account, platform and creator, then makes all or none.
        var commands = targets.Select(t => new ScheduleTarget(
            t!.ScheduledPostId ?? Ids.New("sp_", time), t.SocialAccountId!, t.Mode, t.CaptionOverride, t.Options)).ToList();
        var posts = await grains.GetGrain<IScheduleBatchGrain>(commands[0].ScheduledPostId)
            .ScheduleAsync(new ScheduleCommand(caller.OrganizationId, containerId, due, commands));
        return TypedResults.Created($"/v1/content/{containerId}",
            new ScheduleResponse(containerId, [.. posts.Select(v => new ScheduledPostSummary(v.Id, v.SocialAccountId, v.Platform, v.Mode, v.Status, v.ScheduledFor))]));
    }

    private static DateTimeOffset? Timestamp(string text, string path, Validator validator)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.ToUniversalTime();
        }

        validator.Add(path, "An ISO-8601 timestamp.");
        return null;
    }
}
