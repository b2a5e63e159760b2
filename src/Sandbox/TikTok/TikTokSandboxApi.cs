using Layers.Platforms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Layers.Sandbox.TikTok;

/// <summary>
/// TikTok Login Kit v2 and the Open API user info, simulated under <c>/sandbox/tiktok</c> with TikTok's paths,
/// parameters, field names and error shapes.
/// </summary>
internal static class TikTokSandboxApi
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(365);

    private const string AccessTokenPrefix = "act.";
    private const string RefreshTokenPrefix = "rft.";

    /// <summary>User info fields and the scope each needs.</summary>
    private static readonly Dictionary<string, string> FieldScopes = new(StringComparer.Ordinal)
    {
        ["open_id"] = "user.info.basic",
        ["union_id"] = "user.info.basic",
        ["avatar_url"] = "user.info.basic",
        ["avatar_url_100"] = "user.info.basic",
        ["avatar_large_url"] = "user.info.basic",
        ["display_name"] = "user.info.basic",
        ["username"] = "user.info.profile",
        ["bio_description"] = "user.info.profile",
        ["is_verified"] = "user.info.profile",
        ["follower_count"] = "user.info.stats",
        ["following_count"] = "user.info.stats",
        ["likes_count"] = "user.info.stats",
        ["video_count"] = "user.info.stats",
    };

    public static RouteGroupBuilder MapTikTokSandbox(this IEndpointRouteBuilder routes)
    {
        var platform = SandboxPlatform.TikTok;
        var group = routes.MapGroup(platform.BasePath).ExcludeFromDescription();
        group.MapGet("/oauth/authorize", (HttpRequest request, SandboxState state, IOptions<SandboxOptions> options) =>
            SandboxConsent.Authorize(request, platform, state.TikTok, options.Value.PublicBaseUrl));
        group.MapPost("/v2/oauth/token/", TokenAsync);
        group.MapPost("/v2/oauth/revoke/", RevokeAsync);
        group.MapGet("/v2/user/info/", UserInfo);
        group.MapSandboxControl(platform, s => s.TikTok);
        return group;
    }

    /// <summary><c>POST /v2/oauth/token/</c>: <c>authorization_code</c> and <c>refresh_token</c> grants.</summary>
    public static async Task<IResult> TokenAsync(HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        if (!request.HasFormContentType)
        {
            return OAuthError(state, "invalid_request", "The body must be application/x-www-form-urlencoded.", StatusCodes.Status400BadRequest);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (!ValidClient(form))
        {
            return OAuthError(state, "invalid_client", "Client key or secret is invalid.", StatusCodes.Status401Unauthorized);
        }

        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                var code = state.RedeemCode(form["code"].ToString(), form["redirect_uri"].ToString());
                if (!code.IsValid)
                {
                    return OAuthError(state, "invalid_grant", code.Status switch
                    {
                        SandboxTokenStatus.Used => "Authorization code has already been used.",
                        SandboxTokenStatus.Expired => "Authorization code is expired.",
                        SandboxTokenStatus.RedirectMismatch => "redirect_uri does not match the one used to request the code.",
                        _ => "Authorization code is invalid.",
                    });
                }

                var grantId = SandboxIdentity.NewGrantId();
                return Tokens(state, code.Value!.Handle, grantId, code.Value.Scopes, state.Now + RefreshTokenLifetime);

            case "refresh_token":
                var refresh = state.Consume(form["refresh_token"].ToString(), SandboxTokenKind.Refresh);
                if (!refresh.IsValid)
                {
                    return OAuthError(state, "invalid_grant", refresh.Status switch
                    {
                        SandboxTokenStatus.Expired => "Refresh token is expired.",
                        SandboxTokenStatus.Revoked => "Refresh token is invalid or has been revoked.",
                        _ => "Refresh token is invalid.",
                    });
                }

                // A rotated refresh token keeps the lifetime of the consent it came from.
                var old = refresh.Value!;
                return Tokens(state, old.Handle, old.GrantId, old.Scopes, old.ExpiresAt);

            default:
                return OAuthError(state, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token.");
        }
    }

    /// <summary><c>POST /v2/oauth/revoke/</c>: revokes the consent the token belongs to.</summary>
    public static async Task<IResult> RevokeAsync(HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        if (!request.HasFormContentType)
        {
            return OAuthError(state, "invalid_request", "The body must be application/x-www-form-urlencoded.", StatusCodes.Status400BadRequest);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (!ValidClient(form))
        {
            return OAuthError(state, "invalid_client", "Client key or secret is invalid.", StatusCodes.Status401Unauthorized);
        }

        var token = form["token"].ToString();
        if (token.Length == 0)
        {
            return OAuthError(state, "invalid_request", "token is required.");
        }

        state.RevokeGrant(token);
        return TypedResults.Ok();
    }

    /// <summary><c>GET /v2/user/info/?fields=…</c> with <c>Authorization: Bearer</c>.</summary>
    public static IResult UserInfo(HttpRequest request, SandboxState sandbox)
    {
        var state = sandbox.TikTok;
        var header = request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var token = state.Check(presented, SandboxTokenKind.Access);
        if (!token.IsValid)
        {
            return ApiError(state, "access_token_invalid", "The access token is invalid or not found in the request.", StatusCodes.Status401Unauthorized);
        }

        var fields = request.Query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length == 0)
        {
            return ApiError(state, "invalid_params", "fields is required.", StatusCodes.Status400BadRequest);
        }

        if (fields.FirstOrDefault(f => !FieldScopes.ContainsKey(f)) is { } unknown)
        {
            return ApiError(state, "invalid_params", $"Unknown field: {unknown}.", StatusCodes.Status400BadRequest);
        }

        if (fields.Select(f => FieldScopes[f]).FirstOrDefault(s => !token.Value!.Scopes.Contains(s)) is { } missing)
        {
            return ApiError(state, "scope_not_authorized", $"The user did not authorize the scope required for this request: {missing}.", StatusCodes.Status401Unauthorized);
        }

        var handle = token.Value!.Handle;
        var avatar = SandboxAvatars.Url(request, SandboxPlatform.TikTok, handle);
        var user = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            user[field] = field switch
            {
                "open_id" => SandboxIdentity.TikTokOpenId(handle),
                "union_id" => SandboxIdentity.TikTokUnionId(handle),
                "avatar_url" or "avatar_url_100" or "avatar_large_url" => avatar,
                "display_name" => SandboxIdentity.DisplayName(handle),
                "username" => handle,
                "bio_description" => "A TikTok sandbox account.",
                "is_verified" => false,
                _ => 0,
            };
        }

        return TypedResults.Json(
            new { data = new { user }, error = new { code = "ok", message = "", log_id = SandboxIdentity.LogId(state.Now) } },
            SandboxJson.Options);
    }

    private static JsonHttpResult<object> Tokens(SandboxPlatformState state, string handle, string grantId, IReadOnlyList<string> scopes, DateTimeOffset refreshExpiresAt)
    {
        var now = state.Now;
        var access = state.IssueToken(handle, grantId, SandboxTokenKind.Access, AccessTokenPrefix, scopes, now + AccessTokenLifetime);
        var refresh = state.IssueToken(handle, grantId, SandboxTokenKind.Refresh, RefreshTokenPrefix, scopes, refreshExpiresAt);
        return TypedResults.Json<object>(new
        {
            access_token = access.Value,
            expires_in = (long)AccessTokenLifetime.TotalSeconds,
            open_id = SandboxIdentity.TikTokOpenId(handle),
            refresh_expires_in = (long)(refreshExpiresAt - now).TotalSeconds,
            refresh_token = refresh.Value,
            scope = string.Join(',', scopes),
            token_type = "Bearer",
        }, SandboxJson.Options);
    }

    private static bool ValidClient(IFormCollection form) =>
        form["client_key"] == PlatformOptionsSetup.SandboxClientId && form["client_secret"] == PlatformOptionsSetup.SandboxClientSecret;

    /// <summary>The OAuth endpoints' error shape.</summary>
    private static JsonHttpResult<object> OAuthError(SandboxPlatformState state, string error, string description, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Json<object>(new { error, error_description = description, log_id = SandboxIdentity.LogId(state.Now) }, SandboxJson.Options, statusCode: status);

    /// <summary>The Open API's error shape.</summary>
    private static JsonHttpResult<object> ApiError(SandboxPlatformState state, string code, string message, int status) =>
        TypedResults.Json<object>(
            new { data = new { }, error = new { code, message, log_id = SandboxIdentity.LogId(state.Now) } },
            SandboxJson.Options, statusCode: status);
}
