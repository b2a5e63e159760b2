using System.Globalization;
using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Api.Projects;
using Layers.Api.OpenApi;
using Layers.ApiKeys;
using Layers.Common;
using Layers.OAuth;
using Layers.Projects;
using Layers.SocialAccounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Layers.Api.SocialAccounts;

/// <summary>Connected accounts: OAuth connect and reconnect, the callback, listing, health and revoke (API.md §3).</summary>
public static class SocialAccountsApi
{
    public static IEndpointRouteBuilder MapSocialAccountsApi(this IEndpointRouteBuilder routes)
    {
        var social = routes.MapGroup("/v1").WithTags("Social accounts");
        social.MapPost("/projects/{projectId}/social/oauth-url", OAuthUrlAsync)
            .RequireScope(Scopes.SocialWrite).WithoutIdempotency().ProducesErrors(404, 409, 422)
            .Describe("createOAuthUrl", "Starts connecting a TikTok or Instagram account",
                "`{platform, returnUrl, usageNote? (≤ 500), scopes? (≤ 32, each ≤ 64)}` → `{authorizeUrl, state, expiresAt}`. `authorizeUrl` is the platform's own consent page; " +
                "the state lives 10 minutes and is single-use. `returnUrl` must be an absolute https URL (http only for localhost/127.0.0.1) whose host is on the key's allowlist, " +
                "else `403 RETURN_URL_NOT_ALLOWED`. After consent the user lands on `returnUrl?layers_state=<state>&status=success` (or `status=error&layers_oauth_error=<code>`). " +
                "Each call mints a fresh state, so `Idempotency-Key` is not honoured.");
        social.MapPost("/projects/{projectId}/social/reauth-url", ReauthUrlAsync)
            .RequireScope(Scopes.SocialWrite).WithoutIdempotency().ProducesErrors(404, 409, 422)
            .Describe("createReauthUrl", "Starts reconnecting an account that keeps its id",
                "`{socialAccountId, returnUrl, scopes?}` → as oauth-url. On success the same account gets the new token and is `connected` again; " +
                "a consent by a different platform user ends with `account_mismatch`. Leased accounts: `409 CONFLICT`; disconnected ones: `404`.");
        social.MapGet("/social/oauth/callback/{platform}", CallbackAsync)
            .WithSummary("Where the platform sends the user after consent (public; the state authenticates it).")
            .WithName("oauthCallback")
            .WithDescription("Exchanges the code, fetches the profile, stores the account and redirects (`302`) to the partner's `returnUrl` with " +
                "`layers_state` and `status=success`, or `status=error&layers_oauth_error=` one of `access_denied`, `state_expired`, `state_already_used`, " +
                "`token_exchange_failed`, `scope_missing`, `account_mismatch`, `not_business_account`, `platform_error`. An unknown state is a plain `400` page, never a redirect. The user's browser opens this URL, following the platform; API clients never call it.")
            .Produces(StatusCodes.Status302Found)
            .Produces<string>(StatusCodes.Status400BadRequest, "text/html");
        social.MapGet("/social/oauth-status/{state}", OAuthStatusAsync).RequireScope(Scopes.SocialRead).ProducesErrors(404)
            .Describe("getOAuthStatus", "How an OAuth attempt ended",
                "`{state, status: pending|completed|failed|expired, platform, projectId, socialAccountId, error, expiresAt, completedAt}`; visible to keys of the organization that started it.");
        social.MapGet("/projects/{projectId}/social-accounts", ListAsync).RequireScope(Scopes.SocialRead).ProducesErrors(404, 422)
            .Produces<PageResponse<SocialAccountView>>()
            .WithQuery("platform", "Only accounts of this platform.", OpenApiSetup.QueryType.String, "tiktok", "instagram")
            .WithQuery("status", "Only these statuses (repeatable or comma-separated); without it, disconnected accounts are left out.", OpenApiSetup.QueryType.RepeatedString, "connected", "reauth_required", "disconnected")
            .WithQuery("leased", "Only leased (`true`) or only connected (`false`) accounts.", OpenApiSetup.QueryType.Boolean)
            .WithPaging(50, 200)
            .Describe("listSocialAccounts", "Lists a project's social accounts", "Connected and leased accounts share one shape; tokens are never returned.");
        social.MapGet("/social-accounts/{socialAccountId}", GetAsync).RequireScope(Scopes.SocialRead).ProducesErrors(404)
            .Describe("getSocialAccount", "Gets a social account");
        social.MapGet("/social-accounts/{socialAccountId}/health", HealthAsync).RequireScope(Scopes.SocialRead).ProducesErrors(404)
            .Describe("getSocialAccountHealth", "Token and publishing health of an account",
                "`{socialAccountId, status, tokenExpiresAt, lastRefreshAt, lastRefreshError, consecutiveRefreshFailures, queuedPosts, lastPublishAt, lastPublishError}`.");
        social.MapGet("/social-accounts/{socialAccountId}/creator-info", CreatorInfoAsync).RequireScope(Scopes.SocialRead).ProducesErrors(404, 409)
            .Describe("getCreatorInfo", "What the account's creator may post, for a posting screen",
                "TikTok → `{platform, nickname, username, avatarUrl, privacyLevelOptions, commentDisabled, duetDisabled, stitchDisabled, maxVideoPostDurationSec, canPost, fetchedAt}` " +
                "(TikTok requires apps to show the creator's nickname and let them pick from their own privacy options); Instagram → `{platform, username, accountType, " +
                "publishingLimit: {quotaUsage, quotaTotal, windowHours}, fetchedAt}`. Read from the platform at most once a minute per account. `reauth_required` → `409`; disconnected → `404`; " +
                "a platform that does not answer → `503` (safe to retry).");
        social.MapDelete("/social-accounts/{socialAccountId}", RevokeAsync).RequireScope(Scopes.SocialWrite).ProducesErrors(404)
            .Describe("revokeSocialAccount", "Revokes an account",
                "In one step that cannot half-happen: the token is revoked at the platform where it allows it, stored tokens are erased, every queued post on the account is canceled " +
                "(`cancelReason: account_revoked`), and a leased account is released. Returns the count of canceled posts. Already disconnected: `404`. There is no undo.");
        return routes;
    }

    /// <param name="body">The platform, the return URL and, optionally, the scopes to ask for.</param>
    /// <returns>The consent attempt: send the user to `authorizeUrl`.</returns>
    public static async Task<Ok<OAuthStarted>> OAuthUrlAsync(
        string projectId, OAuthUrlRequest body, Caller caller, IGrainFactory grains, IOptions<LayersOptions> options)
    {
        var project = await ActiveProjectAsync(grains, projectId, caller);
        var validator = new Validator();
        var platform = SocialRules.Platform(body.Platform, validator);
        var usageNote = validator.Text(body.UsageNote, "usageNote", 500, minLength: 0);
        var scopes = SocialRules.Scopes(body.Scopes, validator);
        validator.Check(body.ReturnUrl is not null, "returnUrl", "Required: an absolute https URL on the key's allowlist.");
        validator.ThrowIfInvalid();
        SocialRules.ThrowIfPlanned(body.Platform);
        EnsureReturnUrlAllowed(body.ReturnUrl!, caller);

        return TypedResults.Ok(await StartAsync(grains, options.Value, caller, project.Id, platform!, OAuthPurpose.Connect, body.ReturnUrl!, scopes, usageNote, null));
    }

    /// <param name="body">The account to reconnect and the return URL.</param>
    /// <returns>The consent attempt: send the user to `authorizeUrl`.</returns>
    public static async Task<Ok<OAuthStarted>> ReauthUrlAsync(
        string projectId, ReauthUrlRequest body, Caller caller, IGrainFactory grains, IOptions<LayersOptions> options)
    {
        var project = await ActiveProjectAsync(grains, projectId, caller);
        var validator = new Validator();
        validator.Check(body.SocialAccountId is not null, "socialAccountId", "Required.");
        validator.Check(body.ReturnUrl is not null, "returnUrl", "Required: an absolute https URL on the key's allowlist.");
        var scopes = SocialRules.Scopes(body.Scopes, validator);
        validator.ThrowIfInvalid();

        var account = await grains.GetGrain<ISocialAccountGrain>(SocialRules.AccountId(body.SocialAccountId!))
            .EnsureReconnectableAsync(caller.OrganizationId, project.Id);
        EnsureReturnUrlAllowed(body.ReturnUrl!, caller);
        return TypedResults.Ok(await StartAsync(grains, options.Value, caller, project.Id, account.Platform, OAuthPurpose.Reauth, body.ReturnUrl!, scopes, null, account.SocialAccountId));
    }

    /// <param name="state">The state of the consent attempt (`st_…`), as Layers put it in the authorize URL.</param>
    /// <param name="code">The authorization code the platform issued; present when the user approved.</param>
    /// <param name="error">
    /// The platform's error, e.g. `access_denied` when the user declined; present instead of `code`.
    /// </param>
    /// <param name="errorDescription">The platform's explanation of `error`.</param>
    /// <returns>
    /// To the partner's `returnUrl` with `layers_state=&lt;state&gt;` and `status=success`, or
    /// `status=error&amp;layers_oauth_error=&lt;code&gt;`.
    /// </returns>
    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> CallbackAsync(
        string platform, [FromQuery] string? state, [FromQuery] string? code, [FromQuery] string? error,
        [FromQuery(Name = "error_description")] string? errorDescription, IGrainFactory grains)
    {
        if (!PlatformNames.Supported.Contains(platform) || state is null || !IsStateToken(state))
        {
            return UnknownState();
        }

        var redirect = await grains.GetGrain<IOAuthSessionGrain>(state).CompleteAsync(new OAuthCallback(platform, code, error, errorDescription));
        return redirect.Location is { } location ? TypedResults.Redirect(location) : UnknownState();
    }

    /// <returns>How the consent attempt stands.</returns>
    public static async Task<Ok<OAuthStatus>> OAuthStatusAsync(string state, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IOAuthSessionGrain>(IsStateToken(state) ? state : throw LayersException.NotFound("OAuth state"))
            .GetStatusAsync(caller.OrganizationId));

    /// <returns>A page of the project's accounts.</returns>
    public static async Task<AccountPageResult> ListAsync(string projectId, Caller caller, HttpRequest request, GrainReferences grains)
    {
        var project = grains.Get<IProjectGrain>(ProjectRules.ParseId(projectId));
        var paging = Paging.From(request, 50, 200);
        var validator = new Validator();
        var query = request.Query;
        var platformText = query["platform"].ToString();
        var platform = platformText.Length == 0 ? null : SocialRules.Platform(platformText, validator);
        var statuses = query["status"].SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        validator.Check(statuses.All(SocialAccountStatus.All.Contains), "status", "Each of connected, reauth_required, disconnected.");
        bool? leased = query["leased"].ToString() switch
        {
            "" => null,
            "true" => true,
            "false" => false,
            _ => Invalid(validator, "leased", "true or false."),
        };
        validator.ThrowIfInvalid();
        SocialRules.ThrowIfPlanned(platformText);

        // The project's own check (404 for another organization's project) comes with the listing: one grain call.
        return new AccountPageResult(await project.ListAccountsPageAsync(caller.OrganizationId, new AccountListFilter(platform, statuses, leased), paging.Cursor, paging.Limit));
    }

    /// <returns>The social account.</returns>
    public static async Task<Ok<SocialAccountView>> GetAsync(string socialAccountId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISocialAccountGrain>(SocialRules.AccountId(socialAccountId)).GetAsync(caller.OrganizationId));

    /// <returns>The account's token and publishing health.</returns>
    public static async Task<Ok<SocialAccountHealth>> HealthAsync(string socialAccountId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISocialAccountGrain>(SocialRules.AccountId(socialAccountId)).GetHealthAsync(caller.OrganizationId));

    /// <returns>What the creator may post, as the platform answered at most a minute ago.</returns>
    public static async Task<Ok<CreatorInfoView>> CreatorInfoAsync(string socialAccountId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISocialAccountGrain>(SocialRules.AccountId(socialAccountId)).GetCreatorInfoAsync(caller.OrganizationId));

    /// <returns>The account is disconnected, its tokens erased and its queued posts canceled.</returns>
    public static async Task<Ok<RevokeResult>> RevokeAsync(string socialAccountId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISocialAccountGrain>(SocialRules.AccountId(socialAccountId)).RevokeAsync(caller.OrganizationId));

    private static async Task<ProjectInfo> ActiveProjectAsync(IGrainFactory grains, string projectId, Caller caller)
    {
        var project = await grains.GetGrain<IProjectGrain>(ProjectRules.ParseId(projectId)).GetAsync(caller.OrganizationId);
        return project.Status == ProjectStatus.Active ? project : throw LayersException.Conflict("The project is archived.");
    }

    private static void EnsureReturnUrlAllowed(string returnUrl, Caller caller)
    {
        if (!ReturnUrlPolicy.IsAllowed(returnUrl, caller.Key.AllowedReturnDomains))
        {
            throw LayersException.WithDetails(ErrorKind.ReturnUrlNotAllowed,
                "returnUrl must be an absolute https URL whose host is on this API key's allowlist.",
                new { returnUrl, allowedReturnDomains = caller.Key.AllowedReturnDomains });
        }
    }

    private static Task<OAuthStarted> StartAsync(
        IGrainFactory grains, LayersOptions options, Caller caller, Guid projectId, string platform, string purpose,
        string returnUrl, IReadOnlyList<string>? scopes, string? usageNote, string? socialAccountId)
    {
        var state = "st_" + Ulid.RandomBase32(40);
        var redirectUri = $"{options.PublicBaseUrl.TrimEnd('/')}/v1/social/oauth/callback/{platform}";
        return grains.GetGrain<IOAuthSessionGrain>(state).StartAsync(new OAuthStart(
            caller.OrganizationId, projectId, platform, purpose, returnUrl, scopes ?? [], usageNote, socialAccountId, redirectUri));
    }

    private static bool IsStateToken(string state) => state.Length == 43 && state.StartsWith("st_", StringComparison.Ordinal) && Ulid.IsBase32(state.AsSpan(3));

    private static ContentHttpResult UnknownState() => TypedResults.Content(
        "This sign-in link is not valid. Please return to the app and start again.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    private static bool? Invalid(Validator validator, string path, string message)
    {
        validator.Add(path, message);
        return null;
    }
}
