using System.Security.Cryptography;
using Layers.Common;
using Layers.Security;
using Layers.SocialAccounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Layers.Leasing;

internal sealed partial class LeasedPoolGrain(
    [PersistentState("leasedpool", StorageNames.Layers)] IPersistentState<LeasedPoolState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    SecretProtector protector,
    ILogger<LeasedPoolGrain> logger) : Grain, ILeasedPoolGrain
{
    private Dictionary<string, PoolEntry>? _byId;

    private List<PoolEntry> Accounts => state.State.Accounts;

    private Dictionary<string, PoolEntry> ById => _byId ??= Accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);

    private string Platform => this.GetPrimaryKeyString()["leasedpool_".Length..];

    public async Task<PoolAccountView> AddAsync(PoolAccountDraft draft)
    {
        if (ById.TryGetValue(draft.Id, out var existing))
        {
            return View(existing);
        }

        if (Accounts.Any(a => a.PlatformUserId == draft.PlatformUserId))
        {
            throw LayersException.WithDetails(ErrorKind.Conflict, "This platform user is already in the pool.",
                new { platformUserId = draft.PlatformUserId });
        }

        var entry = new PoolEntry
        {
            Id = draft.Id,
            Handle = draft.Handle,
            DisplayName = draft.DisplayName,
            PlatformUserId = draft.PlatformUserId,
            Niche = draft.Niche,
            Scopes = [.. draft.Scopes],
            Credentials = draft.Credentials,
            AddedAt = time.GetUtcNow(),
        };
        Accounts.Add(entry);
        ById[entry.Id] = entry;
        await state.WriteStateAsync();
        return View(entry);
    }

    public Task<PoolAccountView> GetAsync(string poolAccountId) =>
        Task.FromResult(ById.TryGetValue(poolAccountId, out var entry) ? View(entry) : throw LayersException.NotFound("pool account"));

    public Task<Page<PoolAccountView>> ListAsync(PoolAccountFilter filter, string? cursor, int limit)
    {
        var page = Cursor.PageNewestFirst(Accounts, cursor, limit, a =>
            (filter.Status is null || a.Status == filter.Status)
            && (filter.Vertical is null || string.Equals(a.Niche.Vertical, filter.Vertical, StringComparison.OrdinalIgnoreCase)));
        return Task.FromResult(new Page<PoolAccountView>([.. page.Items.Select(View)], page.NextCursor));
    }

    public async Task<IReadOnlyList<PoolReservation>> ReserveAsync(string leaseRequestId, IReadOnlyList<PoolClaim> claims)
    {
        var issues = new List<ValidationIssue>();
        var entries = new List<PoolEntry>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            if (ById.TryGetValue(claims[i].PoolAccountId, out var entry))
            {
                entries.Add(entry);
            }
            else
            {
                issues.Add(new ValidationIssue($"accounts[{i}].poolAccountId", "No such pool account."));
            }
        }

        if (issues.Count > 0)
        {
            throw LayersException.Validation(issues);
        }

        for (var i = 0; i < claims.Count; i++)
        {
            var entry = entries[i];
            var heldHere = entry.LeaseRequestId == leaseRequestId && entry.SocialAccountId == claims[i].SocialAccountId;
            if (entry.Status != PoolAccountStatus.Available && !heldHere)
            {
                throw LayersException.WithDetails(ErrorKind.Conflict, "The pool account is already bound to another lease.",
                    new { poolAccountId = entry.Id });
            }
        }

        var now = time.GetUtcNow();
        var changed = false;
        for (var i = 0; i < claims.Count; i++)
        {
            var entry = entries[i];
            if (entry.Status == PoolAccountStatus.Available)
            {
                entry.Status = PoolAccountStatus.Bound;
                entry.LeaseRequestId = leaseRequestId;
                entry.SocialAccountId = claims[i].SocialAccountId;
                entry.BoundAt = now;
                entry.TimesLeased++;
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        return [.. entries.Select(e => Reservation(e, e.SocialAccountId!))];
    }

    public async Task ReleaseReservationsAsync(string leaseRequestId)
    {
        var held = Accounts.Where(a => a.Status == PoolAccountStatus.Bound && a.LeaseRequestId == leaseRequestId).ToList();
        if (held.Count == 0)
        {
            return;
        }

        foreach (var entry in held)
        {
            MakeAvailable(entry);
            entry.TimesLeased--;
        }

        await state.WriteStateAsync();
    }

    public async Task ReturnAsync(string poolAccountId, string socialAccountId, StoredTokens? credentials)
    {
        if (!ById.TryGetValue(poolAccountId, out var entry) || entry.Status != PoolAccountStatus.Bound || entry.SocialAccountId != socialAccountId)
        {
            return;
        }

        MakeAvailable(entry);
        if (credentials is not null)
        {
            entry.Credentials = credentials;
        }

        await state.WriteStateAsync();
        LogReturned(logger, poolAccountId, socialAccountId);
    }

    private static void MakeAvailable(PoolEntry entry)
    {
        entry.Status = PoolAccountStatus.Available;
        entry.LeaseRequestId = null;
        entry.SocialAccountId = null;
        entry.BoundAt = null;
    }

    /// <summary>The entry's credentials, re-encrypted for the leased account that will hold them.</summary>
    private PoolReservation Reservation(PoolEntry entry, string socialAccountId)
    {
        var credentials = entry.Credentials ?? throw new InvalidOperationException($"Pool account {entry.Id} has no credentials.");
        string Reprotect(string ciphertext, string kind)
        {
            try
            {
                return protector.Protect(
                    protector.Unprotect(ciphertext, PoolCredentials.Purpose(entry.Id, kind)), SocialAccountGrain.TokenPurpose(socialAccountId, kind));
            }
            catch (CryptographicException)
            {
                LogCredentialsUnreadable(logger, entry.Id, kind);
                throw;
            }
        }

        var tokens = credentials with
        {
            AccessTokenCiphertext = Reprotect(credentials.AccessTokenCiphertext, "access"),
            RefreshTokenCiphertext = credentials.RefreshTokenCiphertext is { } refresh ? Reprotect(refresh, "refresh") : null,
        };
        return new PoolReservation(entry.Id, socialAccountId, Platform, entry.Handle, entry.DisplayName, entry.PlatformUserId, entry.Scopes, tokens);
    }

    private PoolAccountView View(PoolEntry entry) => new(
        entry.Id, Platform, entry.Handle, entry.DisplayName, entry.PlatformUserId, entry.Niche, entry.Scopes, entry.Status,
        entry.LeaseRequestId, entry.SocialAccountId, entry.BoundAt, entry.AddedAt, entry.Credentials?.AccessExpiresAt ?? entry.AddedAt,
        entry.Credentials?.RefreshExpiresAt, entry.TimesLeased);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool account {PoolAccountId} is available again (released by {SocialAccountId})")]
    private static partial void LogReturned(ILogger logger, string poolAccountId, string socialAccountId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored {Kind} credential of pool account {PoolAccountId} cannot be decrypted with the configured keys")]
    private static partial void LogCredentialsUnreadable(ILogger logger, string poolAccountId, string kind);
}
