using Layers.Common;
using Layers.Platforms;
using Layers.Projects;
using Layers.Security;
using Layers.SocialAccounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Layers.OAuth;

internal sealed partial class OAuthSessionGrain(
    [PersistentState("oauthsession", StorageNames.Layers)] IPersistentState<OAuthSessionState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    IPlatformClients platforms,
    SecretProtector protector,
    ILogger<OAuthSessionGrain> logger) : Grain, IOAuthSessionGrain, IRemindable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long an ended attempt stays readable through oauth-status before it is cleaned up.</summary>
    private static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    private const string CleanupReminder = "cleanup";

    private OAuthSessionState S => state.State;

    public async Task<OAuthStarted> StartAsync(OAuthStart start)
    {
        if (state.RecordExists)
        {
            throw LayersException.Conflict("This state is taken.");
        }

        var now = time.GetUtcNow();
        S.OrganizationId = start.OrganizationId;
        S.ProjectId = start.ProjectId;
        S.Platform = start.Platform;
        S.Purpose = start.Purpose;
        S.ReturnUrl = start.ReturnUrl;
        var client = platforms.Get(start.Platform);
        S.Scopes = start.Scopes.Count > 0 ? [.. start.Scopes] : [.. client.DefaultScopes];
        S.UsageNote = start.UsageNote;
        S.SocialAccountId = start.SocialAccountId;
        S.RedirectUri = start.RedirectUri;
        S.CreatedAt = now;
        S.ExpiresAt = now + Lifetime;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(CleanupReminder, Lifetime + Keep, Keep);

        var url = client.BuildAuthorizeUrl(this.GetPrimaryKeyString(), S.Scopes, S.RedirectUri);
        return new OAuthStarted(url, this.GetPrimaryKeyString(), S.ExpiresAt);
    }

    public async Task<OAuthRedirect> CompleteAsync(OAuthCallback callback)
    {
        if (!state.RecordExists || callback.Platform != S.Platform)
        {
            // An unknown state must never become a redirect.
            return new OAuthRedirect(null);
        }

        if (S.Used)
        {
            return ErrorRedirect(OAuthErrorCodes.StateAlreadyUsed);
        }

        var now = time.GetUtcNow();
        S.Used = true;
        if (now > S.ExpiresAt)
        {
            S.Status = OAuthSessionStatus.Expired;
            S.Error = new OAuthError(OAuthErrorCodes.StateExpired, "The consent took longer than the state's 10 minutes.");
            S.CompletedAt = now;
            await state.WriteStateAsync();
            return ErrorRedirect(OAuthErrorCodes.StateExpired);
        }

        await state.WriteStateAsync();
        var outcome = await ConnectAsync(callback);
        S.CompletedAt = time.GetUtcNow();
        if (outcome.Error is { } error)
        {
            S.Status = OAuthSessionStatus.Failed;
            S.Error = error;
            await state.WriteStateAsync();
            LogFailed(logger, S.Platform, error.Code);
            return ErrorRedirect(error.Code);
        }

        S.Status = OAuthSessionStatus.Completed;
        S.SocialAccountId = outcome.SocialAccountId;
        await state.WriteStateAsync();
        return new OAuthRedirect(ReturnUrls.WithQuery(S.ReturnUrl, [new("layers_state", this.GetPrimaryKeyString()), new("status", "success")]));
    }

    public Task<OAuthStatus> GetStatusAsync(string organizationId)
    {
        if (!state.RecordExists || S.OrganizationId != organizationId)
        {
            throw LayersException.NotFound("OAuth state");
        }

        var status = S.Status == OAuthSessionStatus.Pending && time.GetUtcNow() > S.ExpiresAt ? OAuthSessionStatus.Expired : S.Status;
        var error = status == OAuthSessionStatus.Expired && S.Error is null
            ? new OAuthError(OAuthErrorCodes.StateExpired, "The state expired before the consent completed.")
            : S.Error;
        return Task.FromResult(new OAuthStatus(
            this.GetPrimaryKeyString(), status, S.Platform, S.ProjectId,
            status == OAuthSessionStatus.Completed ? S.SocialAccountId : null, error, S.ExpiresAt, S.CompletedAt));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.RecordExists || time.GetUtcNow() > S.ExpiresAt + Keep)
        {
            await state.ClearStateAsync();
            if (await this.GetReminder(CleanupReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            DeactivateOnIdle();
        }
    }

    private async Task<(string? SocialAccountId, OAuthError? Error)> ConnectAsync(OAuthCallback callback)
    {
        if (callback.Error is not null)
        {
            return Fail(callback.Error == "access_denied" ? OAuthErrorCodes.AccessDenied : OAuthErrorCodes.PlatformError,
                callback.Error == "access_denied" ? "The user declined the consent." : $"The platform reported an error ({callback.Error}).");
        }

        if (string.IsNullOrEmpty(callback.Code))
        {
            return Fail(OAuthErrorCodes.PlatformError, "The platform sent neither a code nor an error.");
        }

        var client = platforms.Get(S.Platform);
        PlatformTokenGrant grant;
        try
        {
            grant = await client.ExchangeCodeAsync(callback.Code, S.RedirectUri, CancellationToken.None);
        }
        catch (PlatformException e)
        {
            return Fail(OAuthErrorCodes.TokenExchangeFailed, $"The platform refused the authorization code ({e.PlatformCode}).");
        }

        var missing = client.RequiredScopes.Where(s => !grant.Scopes.Contains(s)).ToList();
        if (missing.Count > 0)
        {
            return await RefuseGrantAsync(client, grant, OAuthErrorCodes.ScopeMissing, $"The consent did not grant: {string.Join(", ", missing)}.");
        }

        PlatformProfile profile;
        try
        {
            profile = await client.GetProfileAsync(grant.AccessToken, CancellationToken.None);
        }
        catch (PlatformException e)
        {
            return await RefuseGrantAsync(client, grant, OAuthErrorCodes.PlatformError, $"The platform did not return the profile ({e.PlatformCode}).");
        }

        if (client.RefuseProfile(profile) is { } refusal)
        {
            return await RefuseGrantAsync(client, grant, refusal, refusal == OAuthErrorCodes.NotBusinessAccount
                ? "Instagram personal accounts cannot publish; switch to a business or creator account."
                : "The platform account cannot be connected.");
        }

        string accountId;
        if (S.Purpose == OAuthPurpose.Reauth)
        {
            accountId = S.SocialAccountId!;
            var current = await GrainFactory.GetGrain<ISocialAccountGrain>(accountId).GetAsync(S.OrganizationId!);
            if (current.PlatformUserId != profile.PlatformUserId)
            {
                return await RefuseGrantAsync(client, grant, OAuthErrorCodes.AccountMismatch, "A different platform user completed the reconnect.");
            }
        }
        else
        {
            accountId = await GrainFactory.GetGrain<IProjectGrain>(S.ProjectId)
                .ClaimAccountAsync(S.Platform, profile.PlatformUserId, Ids.New("sa_", time));
        }

        var now = time.GetUtcNow();
        var tokens = new StoredTokens(
            protector.Protect(grant.AccessToken, SocialAccountGrain.TokenPurpose(accountId, "access")),
            now.AddSeconds(grant.ExpiresInSeconds),
            string.IsNullOrEmpty(grant.RefreshToken) ? null : protector.Protect(grant.RefreshToken, SocialAccountGrain.TokenPurpose(accountId, "refresh")),
            string.IsNullOrEmpty(grant.RefreshToken) || grant.RefreshExpiresInSeconds is not { } refreshLife ? null : now.AddSeconds(refreshLife),
            now);
        try
        {
            await GrainFactory.GetGrain<ISocialAccountGrain>(accountId).ConnectAsync(new ConnectCommand(
                S.OrganizationId!, S.ProjectId, S.Platform, profile.PlatformUserId, profile.Handle, profile.DisplayName,
                profile.AvatarUrl, grant.Scopes, tokens));
        }
        catch (LayersException)
        {
            return Fail(OAuthErrorCodes.PlatformError, "The account was disconnected while the consent was under way.");
        }

        return (accountId, null);
    }

    private static (string?, OAuthError?) Fail(string code, string message) => (null, new OAuthError(code, message));

    /// <summary>
    /// A consent that cannot be used: the tokens it produced are revoked at the platform (where it offers revocation)
    /// and never stored, so nothing stays live that no account holds.
    /// </summary>
    private async Task<(string?, OAuthError?)> RefuseGrantAsync(IPlatformClient client, PlatformTokenGrant grant, string code, string message)
    {
        try
        {
            await client.RevokeAsync(grant.AccessToken, CancellationToken.None);
        }
        catch (PlatformException e)
        {
            LogRevokeFailed(logger, S.Platform, code, e.PlatformCode);
        }

        return Fail(code, message);
    }

    private OAuthRedirect ErrorRedirect(string code) => new(ReturnUrls.WithQuery(S.ReturnUrl,
        [new("layers_state", this.GetPrimaryKeyString()), new("status", "error"), new("layers_oauth_error", code)]));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tokens of a refused {Platform} consent ({ErrorCode}) could not be revoked: {PlatformCode}")]
    private static partial void LogRevokeFailed(ILogger logger, string platform, string errorCode, string? platformCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth consent for {Platform} failed: {ErrorCode}")]
    private static partial void LogFailed(ILogger logger, string platform, string errorCode);
}
