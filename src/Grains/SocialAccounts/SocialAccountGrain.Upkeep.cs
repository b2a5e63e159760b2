using Layers.Common;
using Layers.Events;
using Layers.Platforms;
using Layers.Telemetry;
using Microsoft.Extensions.Logging;

namespace Layers.SocialAccounts;

/// <summary>
/// Upkeep, driven by the account's one reminder: hand on what is pending, finish a revoke's cancellations, renew a
/// lease, refresh the token ahead of its expiry, and flip to <c>reauth_required</c> when the platform refuses.
/// </summary>
internal sealed partial class SocialAccountGrain
{
    private const string UpkeepReminder = "upkeep";

    /// <summary>
    /// How soon a tick the reminder missed (its silo died, or the tick failed before rescheduling) comes again. Every
    /// tick moves the reminder to the next piece of upkeep, so a healthy account ticks only when work is due.
    /// </summary>
    private static readonly TimeSpan UpkeepRetryPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The longest an account goes without a tick, whatever is due.</summary>
    private static readonly TimeSpan UpkeepHeartbeat = TimeSpan.FromHours(12);

    public async Task RunUpkeepAsync()
    {
        if (!state.RecordExists)
        {
            return;
        }

        await RunUpkeepCoreAsync();
        if (state.RecordExists && S.Status != SocialAccountStatus.Disconnected)
        {
            await ScheduleUpkeepAsync();
        }
    }

    private async Task RunUpkeepCoreAsync()
    {
        if (S.Outbox.Count > 0 || S.ViewPending)
        {
            await PublishAsync();
        }

        if (S.PendingCancellations.Count > 0)
        {
            await CancelPendingPostsAsync();
        }

        await RunLeaseUpkeepAsync();
        if (S.Status != SocialAccountStatus.Connected || S.Tokens is not { } tokens)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (tokens.RefreshExpiresAt is { } refreshExpiry && refreshExpiry <= now)
        {
            await RequireReauthAsync("refresh_token_expired");
            return;
        }

        if (now < platforms.Get(S.Platform).RefreshAt(tokens))
        {
            return;
        }

        var accessToken = TryDecrypt(tokens.AccessTokenCiphertext, "access");
        var refreshToken = TryDecrypt(tokens.RefreshTokenCiphertext, "refresh");
        if (accessToken is null)
        {
            await RequireReauthAsync("token_unreadable");
            return;
        }

        PlatformTokenGrant grant;
        try
        {
            grant = await platforms.Get(S.Platform).RefreshAsync(accessToken, refreshToken, CancellationToken.None);
        }
        catch (PlatformAuthException e)
        {
            LayersMetrics.TokenRefreshFailed(S.Platform, e.PlatformCode ?? "auth_refused", refused: true);
            await RequireReauthAsync(e.PlatformCode ?? "auth_refused");
            return;
        }
        catch (PlatformException e)
        {
            S.ConsecutiveRefreshFailures++;
            S.LastRefreshError = e.PlatformCode ?? "platform_error";
            await StoreAsync();
            LogRefreshFailed(logger, Id, S.LastRefreshError, S.ConsecutiveRefreshFailures);
            LayersMetrics.TokenRefreshFailed(S.Platform, S.LastRefreshError, refused: false);
            return;
        }

        S.Tokens = Protect(grant, now, tokens);
        S.LastRefreshAt = now;
        S.LastRefreshError = null;
        S.ConsecutiveRefreshFailures = 0;
        S.ViewPending = true;
        await StoreAsync();
        await PublishAsync();
        LayersMetrics.TokenRefreshed(S.Platform);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunUpkeepAsync();

    /// <summary>Encrypts a grant for this account; a grant without a refresh token keeps the stored one.</summary>
    private StoredTokens Protect(PlatformTokenGrant grant, DateTimeOffset now, StoredTokens? previous)
    {
        var hasNewRefresh = !string.IsNullOrEmpty(grant.RefreshToken);
        return new StoredTokens(
            protector.Protect(grant.AccessToken, Purpose("access")),
            now.AddSeconds(grant.ExpiresInSeconds),
            hasNewRefresh ? protector.Protect(grant.RefreshToken!, Purpose("refresh")) : previous?.RefreshTokenCiphertext,
            hasNewRefresh && grant.RefreshExpiresInSeconds is { } refreshLife ? now.AddSeconds(refreshLife) : previous?.RefreshExpiresAt,
            now);
    }

    private async Task RequireReauthAsync(string reason)
    {
        S.ConsecutiveRefreshFailures++;
        S.LastRefreshError = reason;
        if (S.Status == SocialAccountStatus.Connected)
        {
            S.Status = SocialAccountStatus.ReauthRequired;
            Record(EventTypes.SocialAccountNeedsReauth, View());
            LogNeedsReauth(logger, Id, reason);
            LayersMetrics.AccountNeedsReauth(S.Platform, reason);
        }

        await StoreAsync();
        await PublishAsync();
    }

    /// <summary>Moves the upkeep reminder to the next thing due: a token refresh (or its retry) or a lease renewal (or its retry).</summary>
    private async Task ScheduleUpkeepAsync()
    {
        var now = time.GetUtcNow();
        var due = NextUpkeepAt(now) is { } next ? next - now : UpkeepHeartbeat;
        var dueTime = due < UpkeepRetryPeriod ? UpkeepRetryPeriod : due > UpkeepHeartbeat ? UpkeepHeartbeat : due;
        await this.RegisterOrUpdateReminder(UpkeepReminder, dueTime, UpkeepRetryPeriod);
    }

    private DateTimeOffset? NextUpkeepAt(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        if (S.Status == SocialAccountStatus.Connected && S.Tokens is { } tokens)
        {
            next = platforms.Get(S.Platform).RefreshAt(tokens);
            if (S.ConsecutiveRefreshFailures > 0)
            {
                // A refresh the platform failed (not refused) is retried with a growing pause, at most an hour.
                var retryAt = now + TokenSchedule.RetryDelay(S.ConsecutiveRefreshFailures);
                next = retryAt > next ? retryAt : next;
            }

            if (tokens.RefreshExpiresAt is { } refreshExpiry && refreshExpiry < next)
            {
                next = refreshExpiry;
            }
        }

        if (S.Leased && S.Status != SocialAccountStatus.Disconnected && (S.RenewalRetryAt ?? S.NextRenewalAt) is { } renewal && (next is null || renewal < next))
        {
            next = renewal;
        }

        return next;
    }

    private async Task UnregisterUpkeepAsync()
    {
        if (await this.GetReminder(UpkeepReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private string? TryDecrypt(string? ciphertext, string kind)
    {
        if (ciphertext is null)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(ciphertext, Purpose(kind));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            LogTokenUnreadable(logger, Id, kind);
            return null;
        }
    }

    internal static string TokenPurpose(string socialAccountId, string kind) => $"{socialAccountId}:{kind}";

    private string Purpose(string kind) => TokenPurpose(Id, kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {SocialAccountId} needs re-authorization ({Reason})")]
    private static partial void LogNeedsReauth(ILogger logger, string socialAccountId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refresh of {SocialAccountId} failed ({Error}), {Failures} in a row; retrying later")]
    private static partial void LogRefreshFailed(ILogger logger, string socialAccountId, string error, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored {Kind} token of {SocialAccountId} cannot be decrypted with the configured keys")]
    private static partial void LogTokenUnreadable(ILogger logger, string socialAccountId, string kind);
}
