namespace Layers.Api.OpenApi;

/// <summary>
/// What every schema of the OpenAPI description and each of its properties mean, in the words of the contract
/// (API.md): formats of ids, units, enum values, and what a null says. Keyed by schema id (the type's name) and JSON
/// property name; a schema or property missing here is left undescribed, and a test says which.
/// </summary>
internal static class SchemaDescriptions
{
    private const string Time = " (ISO-8601, UTC).";
    private const string ProjectId = "The project's id (a UUID).";
    private const string OrganizationId = "The organization's id (`org_…`).";
    private const string SocialAccountId = "The social account's id (`sa_…`).";
    private const string Platform = "The platform: `tiktok` or `instagram`.";
    private const string PlatformUserId = "The platform's own stable id of the account's user.";
    private const string PlatformScopes = "The platform scopes the account's tokens grant, e.g. `video.publish`.";
    private const string RateLimitTier =
        "Requests per minute per key: `standard` (120 reads, 60 writes), `pilot` (1,200 / 600) or `partner` (6,000 / 3,000).";
    private const string KeyScopes =
        "What the key may do: any of `social:read`, `social:write`, `leased:write`, `projects:read`, `projects:write`, `content:read`, " +
        "`content:write`, `publish:read`, `publish:write`, `webhooks:write`, or `*` (everything).";
    private const string AllowedReturnDomains =
        "Hosts (optionally with a port) that OAuth `returnUrl`s of this key may point at; matched exactly and case-insensitively, no subdomains or wildcards.";
    private const string ReturnUrl =
        "Where the user is sent after consent: an absolute `https` URL (`http` only for `localhost` and `127.0.0.1`) whose host is one of the key's " +
        "`allowedReturnDomains`, else `403 RETURN_URL_NOT_ALLOWED`. Its own query parameters are kept.";
    private const string OAuthScopes =
        "Platform scopes to ask for instead of the platform's defaults: at most 32, each at most 64 characters. The defaults cover " +
        "publishing, metrics and first comments (TikTok `user.info.basic`, `user.info.profile`, `video.publish`, `video.upload`, `video.list`; Instagram " +
        "`instagram_business_basic`, `instagram_business_content_publish`, `instagram_business_manage_insights`, `instagram_business_manage_comments`).";
    private const string MonthlyPriceCents = "The monthly price in US cents (15000 is $150.00).";
    private const string Caption = "The post's text, at most 2,200 characters; null for none.";
    private const string FirstComment =
        "A first comment, at most 2,200 characters, posted under each Instagram post right after it goes live (TikTok has no API for it: " +
        "its posts say `not_supported`); null for none.";
    private const string PostMode =
        "How the post goes out. TikTok: `direct_publish` (default) or `draft_to_device` (lands in the creator's TikTok inbox to finish on the phone); " +
        "Instagram: `direct_publish` (default: one video as a reel, images as a feed post or carousel), `reels` or `feed`.";
    private const string ScheduledPostId = "The scheduled post's id (`sp_…`).";
    private const string ContainerId = "The content container's id (`cnt_…`).";
    private const string LeaseRequestId = "The lease request's id (`lreq_…`).";
    private const string LeaseStatus =
        "`requested` (waiting for Layers' review), `assigned` (as many accounts as requested), `partial` (fewer, at least one) or `rejected`.";
    private const string LeaseTarget = "What the partner aims for with the accounts, free text of at most 500 characters; null for none.";
    private const string LeaseNote = "A note for Layers' reviewers, at most 2,000 characters; null for none.";
    private const string Niche = "What the accounts are about: `vertical` (required), `audience`, `language` and `geo`.";
    private const string EventTypes =
        "`social_account.connected`, `social_account.needs_reauth`, `social_account.revoked`, `lease_request.assigned`, `lease_request.rejected`, " +
        "`leased_account.renewed`, `leased_account.renewal_failed`, `post.scheduled`, `post.published`, `post.failed`, `post.canceled` or `test.ping`.";
    private const string WebhookErrorCodes =
        "`timeout` (no complete answer within 10 s), `connection_failed` (DNS, TCP or TLS failed), `address_refused` (the host resolves to an address " +
        "webhooks may not reach), `unexpected_status` (an answer other than 2xx; redirects are not followed), `interrupted` (cut short by a restart; " +
        "the event is sent again), `endpoint_paused` or `endpoint_deleted`.";
    private const string WebhookUrl =
        "Where events are POSTed: an `https` URL. Hosts resolving to private, loopback, link-local or cloud-metadata addresses are refused (`422`), " +
        "except that trial mode accepts `http://localhost` and `http://127.0.0.1`.";
    private const string WebhookEvents = "The event types to receive (1–50), or `[\"*\"]` for all; an unknown type is `422`. One of ";
    private const string Vertical = "The subject area, e.g. `coffee`. Required.";
    private const string Audience = "Who the account speaks to, e.g. `home baristas`; null for any.";
    private const string Language = "A BCP-47 language tag, e.g. `en-US`; null for any.";
    private const string Geo = "ISO 3166-1 alpha-2 country codes, e.g. `[\"US\", \"CA\"]`; empty or null for any.";

    public static IReadOnlyDictionary<string, (string Schema, IReadOnlyDictionary<string, string> Properties)> All { get; } =
        new Dictionary<string, (string, IReadOnlyDictionary<string, string>)>(StringComparer.Ordinal)
        {
            ["ApiError"] = ("The envelope of every error.", new Dictionary<string, string>
            {
                ["error"] = "What went wrong.",
            }),
            ["WhoAmIResponse"] = ("The calling key and its organization.", new Dictionary<string, string>
            {
                ["organizationId"] = OrganizationId,
                ["organizationName"] = "The organization's name.",
                ["apiKeyId"] = "The calling key's id (`key_…`).",
                ["scopes"] = KeyScopes,
                ["rateLimitTier"] = RateLimitTier,
                ["walletBalanceCents"] = "The organization's wallet balance in US cents.",
            }),
            ["WalletResponse"] = ("The organization's prepaid wallet; lease charges are paid from it.", new Dictionary<string, string>
            {
                ["organizationId"] = OrganizationId,
                ["balanceCents"] = "The balance in US cents.",
                ["currency"] = "Always `USD`.",
            }),
            ["WalletTransaction"] = ("One entry of the wallet's ledger. Amounts are signed US cents.", new Dictionary<string, string>
            {
                ["id"] = "The entry's id (`wtx_…`).",
                ["type"] = "`credit` (money added by Layers), `lease_charge` (a month of a leased account) or `adjustment`.",
                ["amountCents"] = "The change in US cents: positive adds to the balance, negative (lease charges) takes from it.",
                ["balanceAfterCents"] = "The balance right after this entry, in US cents.",
                ["socialAccountId"] = "Lease charges: the leased account paid for (`sa_…`); null otherwise.",
                ["periodStart"] = "Lease charges: the start of the month paid for" + Time + " Null otherwise.",
                ["periodEnd"] = "Lease charges: the end of the month paid for" + Time + " Null otherwise.",
                ["note"] = "A note from Layers; null for none.",
                ["createdAt"] = "When the entry was made" + Time,
            }),
            ["WalletCredit"] = ("The wallet after a credit, and the credit's ledger entry.", new Dictionary<string, string>
            {
                ["balanceCents"] = "The balance after the credit, in US cents.",
                ["transaction"] = "The ledger entry of the credit (`type: credit`).",
            }),
            ["WalletCreditRequest"] = ("Money to add to an organization's wallet.", new Dictionary<string, string>
            {
                ["amountCents"] = "The amount to add, in US cents; positive. Required.",
                ["note"] = "A note kept with the ledger entry; optional.",
            }),
            ["ProjectInfo"] = ("A project: one customer of the partner. Accounts, content and posts belong to a project.", new Dictionary<string, string>
            {
                ["id"] = ProjectId,
                ["organizationId"] = OrganizationId,
                ["name"] = "The project's name, 1–128 characters.",
                ["timezone"] = "An IANA time zone name, e.g. `Europe/Paris`; `UTC` unless set.",
                ["customerExternalId"] = "The partner's own id for the customer, at most 255 characters; null for none.",
                ["status"] = "`active` or `archived`. Archiving cancels the project's queued posts.",
                ["createdAt"] = "When the project was created" + Time,
                ["updatedAt"] = "When the project last changed" + Time,
            }),
            ["CreateProjectRequest"] = ("A new project.", new Dictionary<string, string>
            {
                ["name"] = "The project's name, 1–128 characters. Required.",
                ["timezone"] = "An IANA time zone name, e.g. `Europe/Paris`; default `UTC`.",
                ["customerExternalId"] = "The partner's own id for the customer, at most 255 characters; optional.",
            }),
            ["UpdateProjectRequest"] = ("Changes to a project: fields left out stay as they are.", new Dictionary<string, string>
            {
                ["name"] = "A new name, 1–128 characters.",
                ["timezone"] = "A new IANA time zone name, e.g. `Europe/Paris`.",
                ["customerExternalId"] = "A new external id (at most 255 characters); `null` clears it.",
                ["status"] = "`active` or `archived`. Archiving cancels the project's queued posts.",
            }),
            ["SocialAccountView"] = (
                "A social account, connected by a customer or leased from Layers (both share this shape; lease fields are null for connected accounts). Never carries a token.",
                new Dictionary<string, string>
                {
                    ["socialAccountId"] = SocialAccountId + " It stays the same across reconnects.",
                    ["projectId"] = ProjectId,
                    ["platform"] = Platform,
                    ["leased"] = "True for an account leased from Layers' warmed pool, false for one a customer connected.",
                    ["handle"] = "The account's handle on the platform, e.g. `acme.coffee`.",
                    ["displayName"] = "The profile's display name; null when the platform gives none.",
                    ["avatarUrl"] = "The profile picture's URL; null when the platform gives none.",
                    ["platformUserId"] = PlatformUserId,
                    ["status"] =
                        "`connected`, `reauth_required` (the platform no longer accepts the token: reconnect with reauth-url; posts due meanwhile fail " +
                        "with `CREDENTIAL_INVALID`) or `disconnected` (revoked or released; final).",
                    ["scopes"] = PlatformScopes,
                    ["connectedAt"] = "When the account was last connected or reconnected" + Time,
                    ["tokenExpiresAt"] = "When the current access token expires" + Time + " Layers refreshes it before then. Null when unknown or disconnected.",
                    ["disconnectedAt"] = "When the account was disconnected" + Time + " Null unless `disconnected`.",
                    ["disconnectedReason"] =
                        "`revoked_by_partner`, `released_by_partner` or `payment_failed` (a leased account whose renewal went unpaid for 7 days); null unless `disconnected`.",
                    ["assignedAt"] = "Leased accounts: when the account was assigned to the project" + Time + " Null for connected accounts.",
                    ["nextRenewalAt"] =
                        "Leased accounts: when the next monthly charge is due" + Time + " Null for connected accounts and once released.",
                    ["monthlyPriceCents"] = "Leased accounts: " + MonthlyPriceCents + " Null for connected accounts.",
                    ["leaseRequestId"] = "Leased accounts: the lease request the account was assigned to (`lreq_…`). Null for connected accounts.",
                }),
            ["SocialAccountHealth"] = ("How an account's token and publishing are doing.", new Dictionary<string, string>
            {
                ["socialAccountId"] = SocialAccountId,
                ["status"] = "`connected`, `reauth_required` or `disconnected`.",
                ["tokenExpiresAt"] = "When the current access token expires" + Time + " Null when unknown or disconnected.",
                ["lastRefreshAt"] = "When the token was last refreshed" + Time + " Null if it never was.",
                ["lastRefreshError"] = "Why the last refresh failed (the platform's error code or reason); null after a successful one.",
                ["consecutiveRefreshFailures"] = "Refreshes that failed in a row; 0 after a success.",
                ["queuedPosts"] = "Posts to this account waiting in `queued`.",
                ["lastPublishAt"] = "When a post was last handed to the platform" + Time + " Null if none was.",
                ["lastPublishError"] = "The error code of the last failed publish (as in a post's `lastError.code`); null after a success.",
            }),
            ["RevokeResult"] = ("The outcome of a revoke or a lease release: all of it happened, in one step.", new Dictionary<string, string>
            {
                ["socialAccountId"] = SocialAccountId,
                ["status"] = "Always `disconnected`.",
                ["disconnectedReason"] = "`revoked_by_partner` (a connected account) or `released_by_partner` (a leased one).",
                ["disconnectedAt"] = "When the account was disconnected" + Time,
                ["canceledScheduledPosts"] = "How many queued posts of the account were canceled (`cancelReason: account_revoked`).",
                ["platformTokenRevoked"] = "True when the platform revoked the token; false where the platform offers no revocation or did not confirm it.",
            }),
            ["OAuthUrlRequest"] = ("Starts connecting an account: the platform and where the user comes back to.", new Dictionary<string, string>
            {
                ["platform"] = "`tiktok` or `instagram`. `linkedin` and `youtube` are planned (`422 PLATFORM_NOT_SUPPORTED`). Required.",
                ["returnUrl"] = ReturnUrl + " Required.",
                ["usageNote"] = "A note kept with the consent attempt, e.g. what the account will be used for; at most 500 characters.",
                ["scopes"] = OAuthScopes,
            }),
            ["ReauthUrlRequest"] = ("Starts reconnecting an account that keeps its id.", new Dictionary<string, string>
            {
                ["socialAccountId"] = "The account to reconnect (`sa_…`): not leased (`409`), not disconnected (`404`). Required.",
                ["returnUrl"] = ReturnUrl + " Required.",
                ["scopes"] = OAuthScopes,
            }),
            ["OAuthStarted"] = ("A consent attempt: send the user to `authorizeUrl`.", new Dictionary<string, string>
            {
                ["authorizeUrl"] =
                    "The platform's own consent page (TikTok `…/v2/auth/authorize/`, Instagram `…/oauth/authorize`), carrying Layers' callback as `redirect_uri` and the `state`.",
                ["state"] = "The attempt's state (`st_` and 40 characters): single-use, and the key to `GET /v1/social/oauth-status/{state}`.",
                ["expiresAt"] = "When the state stops being accepted, 10 minutes after it was issued" + Time,
            }),
            ["OAuthStatus"] = ("How a consent attempt ended.", new Dictionary<string, string>
            {
                ["state"] = "The attempt's state (`st_…`).",
                ["status"] = "`pending` (the user has not come back yet), `completed`, `failed` or `expired`.",
                ["platform"] = Platform,
                ["projectId"] = ProjectId,
                ["socialAccountId"] = "The account connected or reconnected (`sa_…`); null unless `completed`.",
                ["error"] = "Why it did not complete; null unless `failed` or `expired`.",
                ["expiresAt"] = "When the state stops being accepted" + Time,
                ["completedAt"] = "When the user came back and the attempt ended" + Time + " Null while `pending` or once `expired`.",
            }),
            ["OAuthError"] = ("Why a consent attempt did not complete.", new Dictionary<string, string>
            {
                ["code"] =
                    "`access_denied`, `state_expired`, `state_already_used`, `token_exchange_failed`, `scope_missing`, `account_mismatch` (a reconnect " +
                    "by a different platform user), `not_business_account` (an Instagram personal account) or `platform_error`.",
                ["message"] = "A human-readable explanation; wording may change.",
            }),
            ["LeaseNiche"] = (Niche, new Dictionary<string, string>
            {
                ["vertical"] = Vertical,
                ["audience"] = Audience,
                ["language"] = Language,
                ["geo"] = Geo,
            }),
            ["LeaseNicheBody"] = (Niche, new Dictionary<string, string>
            {
                ["vertical"] = Vertical,
                ["audience"] = Audience,
                ["language"] = Language,
                ["geo"] = Geo,
            }),
            ["LeaseRequestBody"] = ("A request for leased TikTok accounts.", new Dictionary<string, string>
            {
                ["projectId"] = "The project, equal to the path's (else `422` with issue path `projectId`). Required.",
                ["count"] = "How many accounts, 1–50. Required.",
                ["niche"] = Niche + " Required.",
                ["target"] = LeaseTarget,
                ["note"] = LeaseNote,
                ["requestId"] =
                    "The partner's own id for the request (`lreq_` and a ULID), to make a retry safe: the same id with the same body replays, " +
                    "with a different body it is `409 IDEMPOTENCY_CONFLICT`. Default: a new id.",
            }),
            ["LeaseRequestAccepted"] = ("A lease request, received and waiting for review.", new Dictionary<string, string>
            {
                ["requestId"] = LeaseRequestId,
                ["status"] = "Always `requested`.",
                ["submittedAt"] = "When the request was received" + Time,
            }),
            ["LeaseRequestView"] = ("A lease request and its outcome.", new Dictionary<string, string>
            {
                ["requestId"] = LeaseRequestId,
                ["projectId"] = ProjectId,
                ["status"] = LeaseStatus,
                ["count"] = "How many accounts were asked for, 1–50.",
                ["niche"] = Niche,
                ["target"] = LeaseTarget,
                ["note"] = LeaseNote,
                ["submittedAt"] = "When the request was received" + Time,
                ["decidedAt"] = "When Layers assigned accounts or rejected it" + Time + " Null while `requested`.",
                ["assignedSocialAccountIds"] = "The leased accounts assigned (`sa_…`); empty unless `assigned` or `partial`.",
                ["rejectionReason"] = "Why Layers rejected the request; null unless `rejected`.",
            }),
            ["OperatorLeaseRequest"] = ("A lease request as operators see it: the partner's view plus the organization.", new Dictionary<string, string>
            {
                ["requestId"] = LeaseRequestId,
                ["organizationId"] = "The organization that asked (`org_…`).",
                ["projectId"] = ProjectId,
                ["status"] = LeaseStatus,
                ["count"] = "How many accounts were asked for, 1–50.",
                ["niche"] = Niche,
                ["target"] = LeaseTarget,
                ["note"] = LeaseNote,
                ["submittedAt"] = "When the request was received" + Time,
                ["decidedAt"] = "When it was assigned or rejected" + Time + " Null while `requested`.",
                ["assignedSocialAccountIds"] = "The leased accounts assigned (`sa_…`); empty unless `assigned` or `partial`.",
                ["rejectionReason"] = "Why it was rejected; null unless `rejected`.",
            }),
            ["ReleaseLeaseBody"] = ("Why a leased account is released; the body may be left out.", new Dictionary<string, string>
            {
                ["reason"] = "A note kept with the release; optional.",
            }),
            ["AddPoolAccountBody"] = ("A warmed TikTok account for the pool.", new Dictionary<string, string>
            {
                ["platform"] = "Always `tiktok`: leasing covers TikTok only. Required.",
                ["handle"] = "The account's handle on TikTok. Required.",
                ["displayName"] = "The profile's display name; optional.",
                ["platformUserId"] = PlatformUserId + " Required.",
                ["niche"] = Niche + " Required.",
                ["credentials"] = "The account's tokens: stored encrypted, never returned. Required.",
            }),
            ["PoolCredentialsBody"] = ("A pool account's TikTok tokens. Stored encrypted and never returned.", new Dictionary<string, string>
            {
                ["accessToken"] = "The access token. Required.",
                ["refreshToken"] = "The refresh token. Required.",
                ["expiresIn"] = "Seconds until the access token expires, counted from now.",
                ["refreshExpiresIn"] = "Seconds until the refresh token expires, counted from now.",
                ["scopes"] = "The scopes the tokens grant, e.g. `video.publish`.",
            }),
            ["PoolAccountView"] = ("A warmed account of the pool. Its credentials never leave the pool; only their lifetimes are shown.", new Dictionary<string, string>
            {
                ["id"] = "The pool account's id (`pool_…`).",
                ["platform"] = "Always `tiktok`.",
                ["handle"] = "The account's handle on TikTok.",
                ["displayName"] = "The profile's display name; null for none.",
                ["platformUserId"] = PlatformUserId,
                ["niche"] = Niche,
                ["scopes"] = "The scopes its tokens grant.",
                ["status"] = "`available` (ready to assign) or `bound` (assigned to a lease request).",
                ["leaseRequestId"] = "The lease request it is bound to (`lreq_…`); null while `available`.",
                ["socialAccountId"] = "The leased account it became (`sa_…`); null while `available`.",
                ["boundAt"] = "When it was bound to a lease request" + Time + " Null while `available`.",
                ["addedAt"] = "When it was added to the pool" + Time,
                ["tokenExpiresAt"] = "When its access token expires" + Time,
                ["refreshTokenExpiresAt"] = "When its refresh token expires" + Time + " Null when unknown.",
                ["timesLeased"] = "How many times it has been leased.",
            }),
            ["LeasePickBody"] = ("One pool account to assign.", new Dictionary<string, string>
            {
                ["poolAccountId"] = "The pool account (`pool_…`); it must be `available`. Required.",
                ["monthlyPriceCents"] = MonthlyPriceCents + " Default 15000.",
            }),
            ["AssignLeaseBody"] = ("The pool accounts to assign to a lease request.", new Dictionary<string, string>
            {
                ["accounts"] = "At least one and at most as many as requested; fewer than requested makes the request `partial`. Required.",
            }),
            ["RejectLeaseBody"] = ("Why a lease request is rejected.", new Dictionary<string, string>
            {
                ["reason"] = "Shown to the partner as `rejectionReason`. Required.",
            }),
            ["ContentAsset"] = ("One media file of a content container.", new Dictionary<string, string>
            {
                ["kind"] = "`video` or `image`.",
                ["url"] = "Where the platform fetches the file: an absolute `https` URL.",
                ["mimeType"] = "The file's media type, e.g. `video/mp4`; null when not given.",
                ["durationMs"] = "A video's length in milliseconds; null when not given.",
            }),
            ["ContentAssetRequest"] = ("One media file to publish.", new Dictionary<string, string>
            {
                ["kind"] = "`video` or `image`. Required.",
                ["url"] = "Where the platform fetches the file: an absolute `https` URL. Required.",
                ["mimeType"] = "The file's media type, e.g. `video/mp4`, at most 100 characters; optional.",
                ["durationMs"] = "A video's length in milliseconds, positive; optional.",
            }),
            ["CreateContentRequest"] = ("An uploaded content container: the media and the text to publish.", new Dictionary<string, string>
            {
                ["caption"] = "The post's text, at most 2,200 characters; optional.",
                ["firstComment"] = FirstComment,
                ["assets"] = "The media, in order: 1–35 files. Required.",
            }),
            ["ContentView"] = ("A content container: media and text that can be published to accounts of its project.", new Dictionary<string, string>
            {
                ["id"] = ContainerId,
                ["projectId"] = ProjectId,
                ["status"] = "Always `completed` for uploaded content.",
                ["creativeType"] = "Always `uploaded`: the media were supplied by URL.",
                ["caption"] = Caption,
                ["firstComment"] = FirstComment,
                ["assets"] = "The media, in order (1–35).",
                ["createdAt"] = "When the container was created" + Time,
            }),
            ["ScheduleRequest"] = ("When and where to publish a content container.", new Dictionary<string, string>
            {
                ["scheduledFor"] =
                    "When to publish (ISO-8601; an offset is normalised to UTC). More than 30 s in the past or more than 365 days ahead is `422`; " +
                    "within 30 s publishes now. Required to schedule; left out by publish-now.",
                ["targets"] = "The accounts to publish to, 1–50. All or nothing: one bad target rejects the request, listing every problem. Required.",
            }),
            ["ScheduleTargetRequest"] = ("One account to publish the content to.", new Dictionary<string, string>
            {
                ["socialAccountId"] =
                    "An account of the content's project (`sa_…`): unknown is `404`, `disconnected` is `409 CONFLICT`; `reauth_required` is accepted. Required.",
                ["mode"] = PostMode + " Any other is `422 MODE_NOT_SUPPORTED`; assets a mode cannot carry are `422 VALIDATION`.",
                ["scheduledPostId"] =
                    "The partner's own id for the post (`sp_` and a ULID), to make a retry safe: one that exists already is `409 CONFLICT`. Default: a new id.",
                ["captionOverride"] = "This post's text instead of the container's caption, at most 2,200 characters; optional.",
                ["options"] =
                    "The platform's own options for this post (TikTok or Instagram ones only), checked against the creator's current settings now and " +
                    "again at the hand-off; every problem is listed at once (`422`, path `targets[i].options.<name>`). Optional.",
            }),
            ["PostOptions"] = (
                "Platform-native options of one post, as sent by the partner and, on the post, as applied. A name that is not an option, or an option of the " +
                "other platform, is `422`.",
                new Dictionary<string, string>
                {
                    ["privacyLevel"] =
                        "TikTok direct posts: who can see the post; must be among the creator's current `privacyLevelOptions` (see creator-info). " +
                        "Default `PUBLIC_TO_EVERYONE` when the creator offers it, else required. A level the creator no longer offers at the hand-off " +
                        "fails the post with `OPTIONS_NOT_ALLOWED`.",
                    ["disableComment"] = "TikTok direct posts: turn comments off. A creator who switched comments off in the app gets `true` whatever is asked.",
                    ["disableDuet"] = "TikTok direct video posts: turn duets off (the creator's own setting wins, as for comments).",
                    ["disableStitch"] = "TikTok direct video posts: turn stitches off (the creator's own setting wins, as for comments).",
                    ["brandContentToggle"] =
                        "TikTok direct posts: paid partnership promoting another brand (\"Branded content\"). Cannot be `SELF_ONLY`. Default `false`; always sent.",
                    ["brandOrganicToggle"] = "TikTok direct posts: promotes the creator's own business (\"Your brand\"). Default `false`; always sent.",
                    ["videoCoverTimestampMs"] = "TikTok direct video posts: the frame used as the cover, in milliseconds from the start, within the video.",
                    ["autoAddMusic"] = "TikTok direct photo posts: let TikTok add music.",
                    ["title"] = "TikTok photo posts (direct or `draft_to_device`): a title of at most 90 characters; the caption is the description.",
                    ["shareToFeed"] =
                        "Instagram reels: also show the reel in the feed. Default `true`. A single video in `feed` is a reel shared to the feed, so `false` there is `422`.",
                    ["coverUrl"] = "Instagram reels: an `https` image used as the cover.",
                    ["thumbOffsetMs"] = "Instagram reels without `coverUrl`: the frame used as the cover, in milliseconds from the start.",
                    ["collaborators"] = "Instagram: up to 3 usernames invited as collaborators.",
                    ["locationId"] = "Instagram: the numeric id of a location page to tag.",
                }),
            ["FirstCommentView"] = ("What became of the content's first comment on this post.", new Dictionary<string, string>
            {
                ["status"] =
                    "`pending` (the post is not live yet), `posted`, `failed` (the post itself is unaffected) or `not_supported` (TikTok has no API for comments).",
                ["commentId"] = "The platform's id of the comment; null unless `posted`.",
                ["error"] =
                    "Why it failed: the platform's error code, `scope_missing` (the user declined `instagram_business_manage_comments`), " +
                    "`post_not_published` (the post failed or was canceled) or `outcome_unknown`; null otherwise.",
            }),
            ["CreatorInfoView"] = (
                "What a posting screen must show before posting (TikTok requires apps to show the creator's nickname and let them pick from their own " +
                "privacy options). TikTok fills the creator fields, Instagram `accountType` and `publishingLimit`; the other platform's fields are left out.",
                new Dictionary<string, string>
                {
                    ["platform"] = Platform,
                    ["nickname"] = "TikTok: the creator's nickname, to show on the posting screen.",
                    ["username"] = "The account's handle.",
                    ["avatarUrl"] = "TikTok: the creator's avatar.",
                    ["privacyLevelOptions"] = "TikTok: the privacy levels this creator may post with now; offer only these.",
                    ["commentDisabled"] = "TikTok: the creator switched comments off in the app; show the option off and locked.",
                    ["duetDisabled"] = "TikTok: the creator switched duets off in the app.",
                    ["stitchDisabled"] = "TikTok: the creator switched stitches off in the app.",
                    ["maxVideoPostDurationSec"] = "TikTok: the longest video, in seconds, this creator may post.",
                    ["canPost"] =
                        "TikTok: whether the creator may post right now; when `false` (a daily cap, a spam-risk hold), posts wait and go out when allowed.",
                    ["accountType"] = "Instagram: `business` or `creator`.",
                    ["publishingLimit"] = "Instagram: the account's content publishing limit.",
                    ["fetchedAt"] = "When this was read from the platform" + Time + " Read at most once a minute per account.",
                }),
            ["PublishingLimitView"] = ("Instagram's content publishing limit for the account.", new Dictionary<string, string>
            {
                ["quotaUsage"] = "Posts published through the API in the window.",
                ["quotaTotal"] = "Posts the API may publish in the window (50).",
                ["windowHours"] = "The window, in hours (24).",
            }),
            ["ScheduleResponse"] = ("The posts created, one per target.", new Dictionary<string, string>
            {
                ["containerId"] = ContainerId,
                ["scheduledPosts"] = "One queued post per target, in the targets' order.",
            }),
            ["ScheduledPostSummary"] = ("A post just queued.", new Dictionary<string, string>
            {
                ["id"] = ScheduledPostId,
                ["socialAccountId"] = SocialAccountId,
                ["platform"] = Platform,
                ["mode"] = PostMode,
                ["status"] = "`queued`.",
                ["scheduledFor"] = "When the post is handed to the platform" + Time,
            }),
            ["ScheduledPostView"] = ("A post of a content container to one account, handed to the platform at most once.", new Dictionary<string, string>
            {
                ["id"] = ScheduledPostId,
                ["containerId"] = ContainerId,
                ["projectId"] = ProjectId,
                ["socialAccountId"] = SocialAccountId,
                ["platform"] = Platform,
                ["mode"] = PostMode,
                ["status"] =
                    "`queued`, `publishing` (handed to the platform, outcome not known yet), `draft` (delivered to the creator's TikTok inbox, " +
                    "`draft_to_device`), `published`, `failed` or `canceled`.",
                ["scheduledFor"] = "When the post is due" + Time,
                ["attemptedAt"] = "When the post was handed to the platform" + Time + " Null before.",
                ["publishedAt"] = "When the platform published the post (or took the draft)" + Time + " Null unless `published` or `draft`.",
                ["externalId"] =
                    "The platform's public id of the post (the inbox hand-off's id for `draft`); null until the platform names it. TikTok names " +
                    "a post only once moderation has passed it, usually within a minute of `published`, sometimes hours later.",
                ["externalUrl"] = "A link to the post on the platform; null until the platform names the post, or when it gives none.",
                ["canceledAt"] = "When the post was canceled" + Time + " Null unless `canceled`.",
                ["cancelReason"] =
                    "The reason given with the cancel (default `canceled_by_partner`), `account_revoked` or `project_archived`; null unless `canceled`.",
                ["lastError"] =
                    "Why the post failed, or why it waits (`RATE_LIMITED_BY_PLATFORM`: retried later, not failed); null otherwise.",
                ["metrics"] =
                    "The latest metrics synced from the platform: first read within 2 minutes of the post being named, then less often; " +
                    "null until then.",
                ["metricsUnavailable"] =
                    "Why a published post gets no metrics: `scope_missing` when the user declined the platform permission they need " +
                    "(TikTok `video.list`, Instagram `instagram_business_manage_insights`); null otherwise.",
                ["options"] = "The platform options as applied (defaults filled in, interactions the creator switched off shown off); null for none.",
                ["firstComment"] = "The content's first comment on this post; null when the content has none.",
            }),
            ["PostError"] = ("Why a post failed or waits.", new Dictionary<string, string>
            {
                ["code"] =
                    "`CREDENTIAL_INVALID` (the account must be reconnected), `PLATFORM_ERROR` (see `platformCode`), `MEDIA_REJECTED`, " +
                    "`OPTIONS_NOT_ALLOWED` (the creator no longer allows the post's options), " +
                    "`ACCOUNT_DISCONNECTED`, `PUBLISH_OUTCOME_UNKNOWN` (the platform may have taken it; never retried silently) or " +
                    "`RATE_LIMITED_BY_PLATFORM` (retried later).",
                ["message"] = "A human-readable explanation; wording may change.",
                ["platformCode"] = "The platform's own error code; null when the platform gave none.",
            }),
            ["PostMetricsView"] = (
                "A published post's metrics as the platform counts them, synced often at first and then tapering off (every 15 min for 6 h, hourly to 48 h, daily to 30 days).",
                new Dictionary<string, string>
                {
                    ["views"] = "Views.",
                    ["likes"] = "Likes.",
                    ["comments"] = "Comments.",
                    ["shares"] = "Shares.",
                    ["syncedAt"] = "When the metrics were read from the platform" + Time,
                }),
            ["RescheduleRequest"] = ("A new time for a queued post.", new Dictionary<string, string>
            {
                ["scheduledFor"] =
                    "The new time (ISO-8601; an offset is normalised to UTC). More than 30 s in the past or more than 365 days ahead is `422`; within 30 s publishes now. Required.",
            }),
            ["CancelPostRequest"] = ("Why a queued post is canceled; the body may be left out.", new Dictionary<string, string>
            {
                ["reason"] = "Shown as the post's `cancelReason`, at most 500 characters; default `canceled_by_partner`.",
            }),
            ["CanceledPostResponse"] = ("A post just canceled.", new Dictionary<string, string>
            {
                ["id"] = ScheduledPostId,
                ["status"] = "Always `canceled`.",
                ["canceledAt"] = "When the post was canceled" + Time,
            }),
            ["EventResponse"] = ("An event: the object webhooks deliver and `GET /v1/events` lists.", new Dictionary<string, string>
            {
                ["id"] = "The event's id (`evt_…`). Receivers dedupe on it: delivery is at least once.",
                ["type"] = "One of " + EventTypes,
                ["createdAt"] = "When the event happened" + Time,
                ["projectId"] = "The project the event belongs to (a UUID); null for an organization-wide event.",
                ["data"] =
                    "The resource the event is about, as the API shows it: a social account for `social_account.*` (with `reconnected: true` after a reauth), " +
                    "a lease request for `lease_request.*`, the leased account with the billed `periodStart`, `periodEnd` and `amountCents` for " +
                    "`leased_account.*`, a scheduled post for `post.*`, and `{webhookEndpointId, message}` for `test.ping`.",
            }),
            ["CreateWebhookEndpointRequest"] = ("A new webhook endpoint.", new Dictionary<string, string>
            {
                ["url"] = WebhookUrl + " Required.",
                ["events"] = WebhookEvents + EventTypes + " Required.",
                ["description"] = "A note for people, at most 500 characters; optional.",
                ["projectId"] = "Only events of this project (a UUID); left out, every event of the organization.",
            }),
            ["UpdateWebhookEndpointRequest"] = ("Changes to a webhook endpoint: fields left out stay as they are.", new Dictionary<string, string>
            {
                ["url"] = WebhookUrl,
                ["events"] = WebhookEvents + EventTypes,
                ["description"] = "A note for people, at most 500 characters; `null` clears it.",
                ["status"] = "`active` or `paused`. Setting `active` resumes a paused or `auto_paused` endpoint and clears its failure count.",
            }),
            ["WebhookEndpointView"] = ("A webhook endpoint. Never carries a signing secret.", new Dictionary<string, string>
            {
                ["id"] = "The endpoint's id (`whe_…`).",
                ["url"] = "Where events are POSTed.",
                ["events"] = "The event types it receives; `[\"*\"]` for all.",
                ["projectId"] = "Only this project's events are sent (a UUID); null for every event of the organization.",
                ["description"] = "A note for people; null for none.",
                ["status"] =
                    "`active`, `paused` (by the partner) or `auto_paused` (after 20 consecutive failed attempts). A paused endpoint is sent nothing; " +
                    "its deliveries wait until it is `active` again.",
                ["consecutiveFailures"] = "Failed attempts in a row; 20 make the endpoint `auto_paused`. 0 after a delivery.",
                ["createdAt"] = "When the endpoint was created" + Time + " It receives events recorded after this.",
                ["updatedAt"] = "When the endpoint last changed" + Time,
                ["previousSecretExpiresAt"] =
                    "After a rotation, when the previous secret stops signing (24 hours later)" + Time + " Null when only one secret signs.",
            }),
            ["WebhookEndpointWithSecret"] = ("An endpoint and its signing secret: the only answer that shows the secret.", new Dictionary<string, string>
            {
                ["endpoint"] = "The endpoint.",
                ["signingSecret"] =
                    "The signing secret (`whsec_…`): the HMAC-SHA256 key, as UTF-8 bytes, of `X-Layers-Signature`. Shown this once; store it.",
            }),
            ["WebhookEndpointDeleted"] = ("An endpoint just deleted; its pending deliveries stop.", new Dictionary<string, string>
            {
                ["id"] = "The endpoint's id (`whe_…`).",
                ["deleted"] = "Always true.",
            }),
            ["WebhookDeliveryView"] = ("One event sent to one endpoint, with every attempt.", new Dictionary<string, string>
            {
                ["id"] = "The delivery's id (`whd_…`).",
                ["endpointId"] = "The endpoint's id (`whe_…`).",
                ["eventId"] = "The event's id (`evt_…`), also sent as `X-Layers-Event-Id`.",
                ["eventType"] = "The event's type, also sent as `X-Layers-Event-Type`.",
                ["status"] =
                    "`pending` (an attempt is due), `delivered` (an attempt got a 2xx within 10 s) or `failed` (the retries after 30 s, 1 min, " +
                    "5 min, 15 min, 1 h, 6 h and 24 h ran out, or the endpoint was deleted).",
                ["createdAt"] = "When the delivery was created" + Time,
                ["nextAttemptAt"] = "When the next attempt is due" + Time + " Null once `delivered` or `failed`.",
                ["completedAt"] = "When the delivery was delivered or failed" + Time + " Null while `pending`.",
                ["replayOf"] = "The delivery this one replays (`whd_…`); null for a first delivery.",
                ["lastError"] = "Why the last attempt failed, or why the delivery waits; null once delivered.",
                ["attempts"] = "Every attempt, oldest first; at most eight.",
            }),
            ["WebhookAttempt"] = ("One POST to the endpoint.", new Dictionary<string, string>
            {
                ["number"] = "1 for the first attempt, up to 8.",
                ["at"] = "When the POST was sent" + Time,
                ["responseStatus"] = "The HTTP status the endpoint answered; null when no answer came.",
                ["error"] = "Null when delivered; otherwise " + WebhookErrorCodes,
                ["durationMs"] = "How long the exchange took, in milliseconds.",
                ["responseBody"] = "The start of the answer's body (at most 512 characters); null when it was empty.",
            }),
            ["WebhookError"] = ("Why a webhook attempt or delivery did not succeed.", new Dictionary<string, string>
            {
                ["code"] = WebhookErrorCodes,
                ["message"] = "A human-readable explanation; wording may change.",
            }),
            ["CreateOrganizationRequest"] = ("A new organization.", new Dictionary<string, string>
            {
                ["name"] = "The organization's name, at most 200 characters. Required.",
            }),
            ["OrganizationResponse"] = ("An organization: a partner company, owner of keys, projects and a wallet.", new Dictionary<string, string>
            {
                ["id"] = OrganizationId,
                ["name"] = "The organization's name.",
                ["createdAt"] = "When the organization was created" + Time,
            }),
            ["CreateApiKeyRequest"] = ("A new API key.", new Dictionary<string, string>
            {
                ["name"] = "A name for people, e.g. which system uses the key; at most 200 characters. Required.",
                ["scopes"] = KeyScopes + " Default `[\"*\"]`.",
                ["allowedReturnDomains"] = AllowedReturnDomains,
                ["rateLimitTier"] = RateLimitTier + " Default `standard`.",
            }),
            ["CreatedApiKeyResponse"] = ("A new API key, with the key itself: shown in this answer only.", new Dictionary<string, string>
            {
                ["id"] = "The key's id (`key_…`).",
                ["organizationId"] = OrganizationId,
                ["name"] = "The key's name.",
                ["key"] = "The API key, `lp_live_<keyId>_<secret>`. Shown this once: only a hash of the secret is stored.",
                ["scopes"] = KeyScopes,
                ["allowedReturnDomains"] = AllowedReturnDomains,
                ["rateLimitTier"] = RateLimitTier,
                ["createdAt"] = "When the key was issued" + Time,
            }),
            ["ApiKeyResponse"] = ("An API key, without the key itself.", new Dictionary<string, string>
            {
                ["id"] = "The key's id (`key_…`).",
                ["organizationId"] = OrganizationId,
                ["name"] = "The key's name.",
                ["scopes"] = KeyScopes,
                ["allowedReturnDomains"] = AllowedReturnDomains,
                ["rateLimitTier"] = RateLimitTier,
                ["revoked"] = "True once the key is revoked: every request with it is `401 UNAUTHENTICATED`.",
                ["createdAt"] = "When the key was issued" + Time,
            }),
            ["SetAllowedReturnDomainsRequest"] = ("A key's new return-URL allowlist.", new Dictionary<string, string>
            {
                ["allowedReturnDomains"] = AllowedReturnDomains + " The whole list: it replaces the old one. Required.",
            }),
            ["HealthResponse"] = ("Whether the process, or the service behind it, can take requests.", new Dictionary<string, string>
            {
                ["status"] = "`ok` (liveness), `ready` or `unavailable` (readiness).",
                ["checks"] =
                    "Readiness only: `storage` is `ok`, `memory` (trial mode) or `unreachable`; `cluster` is `ok`, `no active silo` or `unreachable`. Null for liveness.",
            }),
        };
}
