using Layers.Common;
using Layers.Platforms;
using Microsoft.Extensions.Logging;

namespace Layers.SocialAccounts;

/// <summary>
/// What the account's creator may post, read from the platform for a partner's posting screen and for the checks made
/// when a post is scheduled: at most once a minute per account (the account is the one activation that owns its
/// token), and within the token's limit for the read.
/// </summary>
internal sealed partial class SocialAccountGrain
{
    private static readonly TimeSpan CreatorInfoFreshFor = TimeSpan.FromMinutes(1);

    private CreatorInfoView? _creatorInfo;

    public async Task<CreatorInfoView> GetCreatorInfoAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        switch (S.Status)
        {
            case SocialAccountStatus.Disconnected:
                throw LayersException.NotFound("social account");
            case SocialAccountStatus.ReauthRequired:
                throw LayersException.Conflict("The account must be re-authorized before the platform can be asked about it.");
        }

        var now = time.GetUtcNow();
        if (_creatorInfo is { } known && now - known.FetchedAt < CreatorInfoFreshFor)
        {
            return known;
        }

        var client = platforms.Get(S.Platform);
        if (_pacer.TryTake(PlatformCalls.CreatorInfo, client.CallLimits.GetValueOrDefault(PlatformCalls.CreatorInfo), now) is { } retryAt)
        {
            throw LayersException.WithDetails(ErrorKind.Unavailable, "The account's platform limit for this read is used up; try again shortly.",
                new { retryAt });
        }

        if (TryDecrypt(S.Tokens?.AccessTokenCiphertext, "access") is not { } token)
        {
            throw LayersException.Conflict("The account holds no token to ask the platform with.");
        }

        try
        {
            var info = await client.GetCreatorInfoAsync(token, S.PlatformUserId, CancellationToken.None);
            _creatorInfo = info with { FetchedAt = time.GetUtcNow() };
            return _creatorInfo;
        }
        catch (PlatformAuthException e)
        {
            await MarkReauthRequiredAsync(e.PlatformCode ?? "auth_refused");
            throw LayersException.Conflict("The platform refused the account's token; the account must be re-authorized.");
        }
        catch (PlatformException e)
        {
            if (e.RateLimited)
            {
                _pacer.Pause(PlatformCalls.CreatorInfo, time.GetUtcNow() + CreatorInfoFreshFor);
            }

            LogCreatorInfoFailed(logger, Id, e.PlatformCode);
            throw LayersException.WithDetails(ErrorKind.Unavailable, "The platform did not answer the read; try again shortly.",
                new { platformCode = e.PlatformCode });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creator info of {SocialAccountId} not read ({PlatformCode})")]
    private static partial void LogCreatorInfoFailed(ILogger logger, string socialAccountId, string? platformCode);
}
