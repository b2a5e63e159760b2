namespace Layers.Sandbox.TikTok;

/// <summary>
/// TikTok's rate limits per user access token, in calls per endpoint within a sliding minute, as its documentation
/// states them (developers.tiktok.com/doc/tiktok-api-v2-rate-limit and the reference of each endpoint:
/// content-posting-api-reference-query-creator-info, -direct-post, -upload-video, -photo-post, -get-video-status).
/// The simulator holds clients to them so that a client that paces itself against the sandbox also stays within
/// them live.
/// </summary>
internal static class TikTokRateLimits
{
    public const string CreatorInfo = "/v2/post/publish/creator_info/query/";
    public const string VideoInit = "/v2/post/publish/video/init/";
    public const string InboxVideoInit = "/v2/post/publish/inbox/video/init/";
    public const string ContentInit = "/v2/post/publish/content/init/";
    public const string StatusFetch = "/v2/post/publish/status/fetch/";
    public const string VideoQuery = "/v2/video/query/";

    /// <summary>Where <c>FILE_UPLOAD</c> chunks go (the <c>upload_url</c> an init answers); not counted per minute.</summary>
    public const string Upload = "/upload/video/";

    /// <summary>Calls per minute and token, by endpoint path; each init endpoint has its own six.</summary>
    public static IReadOnlyDictionary<string, int> PerMinute { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [CreatorInfo] = 20,
        [VideoInit] = 6,
        [InboxVideoInit] = 6,
        [ContentInit] = 6,
        [StatusFetch] = 30,
        [VideoQuery] = 600,
    };
}
