using System.Globalization;
using Layers.Platforms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

using static Layers.Sandbox.Instagram.InstagramGraphErrors;

namespace Layers.Sandbox.Instagram;

/// <summary>
/// The Instagram API with Instagram Login, simulated under <c>/sandbox/instagram</c>: the code exchange of
/// api.instagram.com and the token and profile endpoints of graph.instagram.com, with their field names and
/// error shapes.
/// </summary>
internal static class InstagramSandboxApi
{
    public static readonly TimeSpan ShortLivedLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan LongLivedLifetime = TimeSpan.FromDays(60);

    /// <summary>A long-lived token can be refreshed once it is a day old.</summary>
    public static readonly TimeSpan MinimumAgeForRefresh = TimeSpan.FromHours(24);

    private const string ShortLivedPrefix = "IGQsbx";
    private const string LongLivedPrefix = "IGAAsbx";
    private const string BasicScope = "instagram_business_basic";

    private static readonly HashSet<string> ProfileFields = new(StringComparer.Ordinal)
    {
        "id", "user_id", "username", "name", "account_type", "profile_picture_url",
        "followers_count", "follows_count", "media_count", "biography",
    };

    public static RouteGroupBuilder MapInstagramSandbox(this IEndpointRouteBuilder routes)
    {
        var platform = SandboxPlatform.Instagram;
        var group = routes.MapGroup(platform.BasePath).ExcludeFromDescription().RefusingRetiredGraphVersions();
        group.MapGet("/oauth/authorize", (HttpRequest request, SandboxState state, IOptions<SandboxOptions> options) =>
            SandboxConsent.Authorize(request, platform, state.Instagram, options.Value.PublicBaseUrl));
        group.MapPost("/oauth/access_token", ExchangeCodeAsync);
        group.MapGet("/access_token", ExchangeForLongLived);
        group.MapGet("/refresh_access_token", Refresh);
        group.MapGet("/me", Me);
        group.MapGet("/{version:regex(^v\\d+\\.\\d+$)}/me", Me);
        group.MapSandboxControl(platform, s => s.Instagram);
        return group;
    }

    /// <summary><c>POST /oauth/access_token</c> (api.instagram.com): code → short-lived token.</summary>
    public static async Task<IResult> ExchangeCodeAsync(HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.Instagram;
        if (!request.HasFormContentType)
        {
            return CodeError("Missing required parameter: client_id.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form["client_id"] != PlatformOptionsSetup.SandboxClientId || form["client_secret"] != PlatformOptionsSetup.SandboxClientSecret)
        {
            return CodeError("Invalid platform app.");
        }

        if (form["grant_type"] != "authorization_code")
        {
            return CodeError("Unsupported grant_type.");
        }

        var code = state.RedeemCode(form["code"].ToString(), form["redirect_uri"].ToString());
        if (!code.IsValid)
        {
            return CodeError(code.Status switch
            {
                SandboxTokenStatus.Used => "This authorization code has been used.",
                SandboxTokenStatus.Expired => "This authorization code has expired.",
                SandboxTokenStatus.RedirectMismatch =>
                    "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request.",
                _ => "Invalid authorization code.",
            });
        }

        var granted = code.Value!;
        var token = state.IssueToken(granted.Handle, SandboxIdentity.NewGrantId(), SandboxTokenKind.ShortLived, ShortLivedPrefix,
            granted.Scopes, state.Now + ShortLivedLifetime);
        return TypedResults.Json(new
        {
            data = new[]
            {
                new
                {
                    access_token = token.Value,
                    user_id = SandboxIdentity.InstagramUserId(granted.Handle),
                    permissions = string.Join(',', granted.Scopes),
                },
            },
        }, SandboxJson.Options);
    }

    /// <summary><c>GET /access_token?grant_type=ig_exchange_token&amp;client_secret&amp;access_token</c>: short-lived → long-lived.</summary>
    public static IResult ExchangeForLongLived(HttpRequest request, SandboxState sandbox)
    {
        var state = sandbox.Instagram;
        var query = request.Query;
        if (query["grant_type"] != "ig_exchange_token")
        {
            return GraphError(100, "Unsupported grant_type: ig_exchange_token is expected.");
        }

        if (query["client_secret"] != PlatformOptionsSetup.SandboxClientSecret)
        {
            return GraphError(101, "Error validating client secret.");
        }

        var shortLived = state.Check(query["access_token"].ToString(), SandboxTokenKind.ShortLived);
        if (!shortLived.IsValid)
        {
            return TokenError(shortLived);
        }

        var token = shortLived.Value!;
        return LongLived(state, token.Handle, token.GrantId, token.Scopes);
    }

    /// <summary>
    /// <c>GET /refresh_access_token?grant_type=ig_refresh_token&amp;access_token</c>: a long-lived token at least a day
    /// old and not expired gets a successor; the old one keeps working until it expires.
    /// </summary>
    public static IResult Refresh(HttpRequest request, SandboxState sandbox)
    {
        var state = sandbox.Instagram;
        var query = request.Query;
        if (query["grant_type"] != "ig_refresh_token")
        {
            return GraphError(100, "Unsupported grant_type: ig_refresh_token is expected.");
        }

        var current = state.Check(query["access_token"].ToString(), SandboxTokenKind.LongLived);
        if (!current.IsValid)
        {
            return TokenError(current);
        }

        var token = current.Value!;
        if (state.Now - token.IssuedAt < MinimumAgeForRefresh)
        {
            return GraphError(100, "The access token must be at least 24 hours old before it can be refreshed.");
        }

        state.CountRefresh(token.Handle);
        return LongLived(state, token.Handle, token.GrantId, token.Scopes);
    }

    /// <summary><c>GET /{version}/me?fields=…&amp;access_token=…</c> (the token may also come as a bearer header).</summary>
    public static IResult Me(HttpRequest request, SandboxState sandbox)
    {
        var state = sandbox.Instagram;
        var presented = request.Query["access_token"].ToString();
        var header = request.Headers.Authorization.ToString();
        if (presented.Length == 0 && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = header[7..].Trim();
        }

        var check = state.Check(presented, SandboxTokenKind.ShortLived, SandboxTokenKind.LongLived);
        if (!check.IsValid)
        {
            return TokenError(check);
        }

        var token = check.Value!;
        if (!token.Scopes.Contains(BasicScope))
        {
            return GraphError(10, $"Application does not have permission for this action: {BasicScope} was not granted.");
        }

        var requested = request.Query["fields"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (requested.FirstOrDefault(f => !ProfileFields.Contains(f)) is { } unknown)
        {
            return GraphError(100, $"Tried accessing nonexisting field ({unknown}) on node type (User)");
        }

        var user = state.User(token.Handle);
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var field in requested.Append("id"))
        {
            fields[field] = field switch
            {
                "id" or "user_id" => user.PlatformUserId,
                "username" => user.Handle,
                "name" => SandboxIdentity.DisplayName(user.Handle),
                "account_type" => user.AccountType ?? "BUSINESS",
                "profile_picture_url" => SandboxAvatars.Url(request, SandboxPlatform.Instagram, user.Handle),
                "biography" => "An Instagram sandbox account.",
                _ => 0,
            };
        }

        return TypedResults.Json(fields, SandboxJson.Options);
    }

    /// <summary>
    /// Refuses, on every endpoint of <paramref name="group"/> whose path has a <c>{version}</c> segment, a Graph
    /// version past its end of life (<see cref="InstagramGraphVersions"/>) with Graph's error 2635, before anything
    /// else is looked at.
    /// </summary>
    internal static RouteGroupBuilder RefusingRetiredGraphVersions(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.RouteValues.TryGetValue("version", out var value) && value is string version
                && InstagramGraphVersions.IsRetired(version, http.RequestServices.GetRequiredService<SandboxState>().Instagram.Now))
            {
                return GraphError(2635, "(#2635) You are calling a deprecated version of the Graph API. Please update to the latest version.");
            }

            return await next(context);
        });
        return group;
    }

    private static JsonHttpResult<object> LongLived(SandboxPlatformState state, string handle, string grantId, IReadOnlyList<string> scopes)
    {
        var token = state.IssueToken(handle, grantId, SandboxTokenKind.LongLived, LongLivedPrefix, scopes, state.Now + LongLivedLifetime);
        return TypedResults.Json<object>(new
        {
            access_token = token.Value,
            token_type = "bearer",
            expires_in = (long)LongLivedLifetime.TotalSeconds,
        }, SandboxJson.Options);
    }

    /// <summary>The code exchange host's error shape.</summary>
    private static JsonHttpResult<object> CodeError(string message) =>
        TypedResults.Json<object>(new { error_type = "OAuthException", code = 400, error_message = message }, SandboxJson.Options,
            statusCode: StatusCodes.Status400BadRequest);
}
