using System.ComponentModel.DataAnnotations;
using Layers.Api.OpenApi;
using Layers.Common;
using Layers.SocialAccounts;

namespace Layers.Api.SocialAccounts;

/// <summary>Starts connecting an account: the platform and where the user comes back to.</summary>
/// <param name="Platform">
/// `tiktok` or `instagram`. `linkedin` and `youtube` are planned (`422 PLATFORM_NOT_SUPPORTED`). Required.
/// </param>
/// <param name="ReturnUrl">
/// Where the user is sent after consent: an absolute `https` URL (`http` only for `localhost` and `127.0.0.1`) whose
/// host is one of the key's `allowedReturnDomains`, else `403 RETURN_URL_NOT_ALLOWED`. Its own query parameters are
/// kept. Required.
/// </param>
/// <param name="UsageNote">
/// A note kept with the consent attempt, e.g. what the account will be used for; at most 500 characters.
/// </param>
/// <param name="Scopes">
/// Platform scopes to ask for instead of the platform's defaults: at most 32, each at most 64 characters. The defaults
/// cover publishing, metrics and first comments (TikTok `user.info.basic`, `user.info.profile`, `video.publish`,
/// `video.upload`, `video.list`; Instagram `instagram_business_basic`, `instagram_business_content_publish`,
/// `instagram_business_manage_insights`, `instagram_business_manage_comments`).
/// </param>
[RequestExample("""{"platform": "tiktok", "returnUrl": "https://app.partner.example/connected?customer=4821"}""")]
public sealed record OAuthUrlRequest(
    [property: Required, OneOf(typeof(PlatformNames), nameof(PlatformNames.Supported))] string? Platform,
    [property: Required, StringLength(2048)] string? ReturnUrl,
    [property: StringLength(500)] string? UsageNote,
    [property: Length(1, 32)] List<string?>? Scopes);

/// <summary>Starts reconnecting an account that keeps its id.</summary>
/// <param name="SocialAccountId">
/// The account to reconnect (`sa_…`): not leased (`409`), not disconnected (`404`). Required.
/// </param>
/// <param name="ReturnUrl">
/// Where the user is sent after consent: an absolute `https` URL (`http` only for `localhost` and `127.0.0.1`) whose
/// host is one of the key's `allowedReturnDomains`, else `403 RETURN_URL_NOT_ALLOWED`. Its own query parameters are
/// kept. Required.
/// </param>
/// <param name="Scopes">
/// Platform scopes to ask for instead of the platform's defaults: at most 32, each at most 64 characters. The defaults
/// cover publishing, metrics and first comments (TikTok `user.info.basic`, `user.info.profile`, `video.publish`,
/// `video.upload`, `video.list`; Instagram `instagram_business_basic`, `instagram_business_content_publish`,
/// `instagram_business_manage_insights`, `instagram_business_manage_comments`).
/// </param>
[RequestExample("""{"socialAccountId": "sa_01JF3Q9V6ZK8Y2T4R7M5N0P1AB", "returnUrl": "https://app.partner.example/reconnected"}""")]
public sealed record ReauthUrlRequest(
    [property: Required, RegularExpression(WirePatterns.SocialAccountId)] string? SocialAccountId,
    [property: Required, StringLength(2048)] string? ReturnUrl,
    [property: Length(1, 32)] List<string?>? Scopes);
