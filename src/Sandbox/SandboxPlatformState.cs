namespace Layers.Sandbox;

/// <summary>
/// One simulated platform's users, authorization codes and tokens, in memory. Every check-and-change (redeeming a
/// code, rotating a refresh token, revoking, counting a call against a rate limit) happens under one lock, so
/// concurrent callers see the platform's single-use rules and limits exactly.
/// </summary>
public sealed class SandboxPlatformState(string platform, TimeProvider time, Func<string, string> platformUserId)
{
    /// <summary>Authorization codes live ten minutes.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Rate limits count the calls of the last minute, a window that slides with the sandbox's clock.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SandboxUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _refreshes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, DateTimeOffset LastAt)> _creatorInfoReads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxCreator> _creators = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Handle, string Token, string Endpoint), Queue<DateTimeOffset>> _calls = [];
    private readonly Dictionary<string, int> _rateLimited = new(StringComparer.Ordinal);

    public string Platform => platform;

    /// <summary>Posts handed to this platform, with their own lock.</summary>
    public SandboxPublishing Publishing { get; } = new();

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The user behind a (normalized) handle; one never seen before is reported with no history.</summary>
    public SandboxUser User(string handle)
    {
        lock (_lock)
        {
            return _users.TryGetValue(handle, out var user) ? user : NewUser(handle, accountType: null);
        }
    }

    /// <summary>Records a consent by <paramref name="handle"/>; the account type is the one chosen last.</summary>
    public SandboxUser Consent(string handle, string? accountType)
    {
        lock (_lock)
        {
            var user = _users.TryGetValue(handle, out var known)
                ? known with { AccountType = accountType ?? known.AccountType }
                : NewUser(handle, accountType);
            _users[handle] = user;
            return user;
        }
    }

    /// <summary>How <paramref name="handle"/> has been shaped for tests; the defaults when never.</summary>
    public SandboxCreator Creator(string handle)
    {
        lock (_lock)
        {
            return _creators.TryGetValue(handle, out var creator) ? creator : SandboxCreator.Default(handle);
        }
    }

    /// <summary>Applies a (checked) change to <paramref name="handle"/>'s settings and returns them as they are now.</summary>
    public SandboxCreator ShapeCreator(string handle, SandboxCreatorChange change)
    {
        lock (_lock)
        {
            var creator = (_creators.TryGetValue(handle, out var known) ? known : SandboxCreator.Default(handle)).With(change);
            _creators[handle] = creator;
            return creator;
        }
    }

    /// <summary>
    /// Counts a call to <paramref name="endpoint"/> made with <paramref name="token"/>, unless that token already made
    /// <paramref name="perMinute"/> of them within <see cref="RateWindow"/>: then the call is refused (false), is not
    /// counted in the window (a refused call does not push the limit further away), and counts as one rate-limited
    /// answer of the token's user.
    /// </summary>
    public bool TryCall(SandboxToken token, string endpoint, int perMinute)
    {
        var now = Now;
        lock (_lock)
        {
            var key = (token.Handle, token.Value, endpoint);
            if (!_calls.TryGetValue(key, out var calls))
            {
                calls = new Queue<DateTimeOffset>();
                _calls[key] = calls;
            }

            while (calls.TryPeek(out var oldest) && oldest <= now - RateWindow)
            {
                calls.Dequeue();
            }

            if (calls.Count >= perMinute)
            {
                _rateLimited[token.Handle] = _rateLimited.GetValueOrDefault(token.Handle) + 1;
                return false;
            }

            calls.Enqueue(now);
            return true;
        }
    }

    public string IssueCode(string handle, IReadOnlyList<string> scopes, string redirectUri)
    {
        var now = Now;
        var code = new SandboxCode(SandboxIdentity.NewSecret("sbx"), handle, scopes, redirectUri, now + CodeLifetime, Used: false);
        lock (_lock)
        {
            foreach (var stale in _codes.Values.Where(c => c.ExpiresAt < now - CodeLifetime).Select(c => c.Value).ToList())
            {
                _codes.Remove(stale);
            }

            _codes[code.Value] = code;
        }

        return code.Value;
    }

    /// <summary>Redeems a code once; a second attempt, an expired code or another redirect_uri is refused.</summary>
    public SandboxCheck<SandboxCode> RedeemCode(string value, string? redirectUri)
    {
        lock (_lock)
        {
            if (!_codes.TryGetValue(value, out var code))
            {
                return new(SandboxTokenStatus.Unknown, null);
            }

            if (code.Used)
            {
                return new(SandboxTokenStatus.Used, code);
            }

            if (Now >= code.ExpiresAt)
            {
                return new(SandboxTokenStatus.Expired, code);
            }

            if (!string.Equals(code.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return new(SandboxTokenStatus.RedirectMismatch, code);
            }

            _codes[value] = code with { Used = true };
            return new(SandboxTokenStatus.Valid, code);
        }
    }

    public SandboxToken IssueToken(
        string handle, string grantId, SandboxTokenKind kind, string prefix, IReadOnlyList<string> scopes, DateTimeOffset expiresAt)
    {
        var token = new SandboxToken(SandboxIdentity.NewSecret(prefix), kind, handle, grantId, scopes, Now, expiresAt, Revoked: false);
        lock (_lock)
        {
            _tokens[token.Value] = token;
        }

        return token;
    }

    /// <summary>Whether <paramref name="value"/> is a live token of one of <paramref name="kinds"/>.</summary>
    public SandboxCheck<SandboxToken> Check(string? value, params ReadOnlySpan<SandboxTokenKind> kinds)
    {
        lock (_lock)
        {
            return CheckLocked(value, kinds);
        }
    }

    /// <summary>Checks a single-use token and retires it in the same step (refresh token rotation).</summary>
    public SandboxCheck<SandboxToken> Consume(string? value, SandboxTokenKind kind)
    {
        lock (_lock)
        {
            var check = CheckLocked(value, [kind]);
            if (check.IsValid)
            {
                _tokens[check.Value!.Value] = check.Value with { Revoked = true };
                if (kind == SandboxTokenKind.Refresh)
                {
                    CountRefreshLocked(check.Value.Handle);
                }
            }

            return check;
        }
    }

    /// <summary>
    /// Revokes the authorization a token belongs to (all its tokens) and counts the call against its user.
    /// Unknown tokens are ignored, as OAuth revocation prescribes.
    /// </summary>
    public void RevokeGrant(string value)
    {
        lock (_lock)
        {
            if (!_tokens.TryGetValue(value, out var token))
            {
                return;
            }

            RevokeWhereLocked(t => t.GrantId == token.GrantId);
            var user = _users.TryGetValue(token.Handle, out var known) ? known : NewUser(token.Handle, accountType: null);
            _users[token.Handle] = user with { Revocations = user.Revocations + 1 };
        }
    }

    /// <summary>Every token of the user, access and refresh alike, fails from now on.</summary>
    public SandboxUserReport InvalidateTokens(string handle)
    {
        lock (_lock)
        {
            RevokeWhereLocked(t => t.Handle == handle);
            return ReportLocked(handle);
        }
    }

    /// <summary>Every token value ever issued to the user (for checks that none of them is stored in plaintext).</summary>
    public IReadOnlyList<string> TokensOf(string handle)
    {
        lock (_lock)
        {
            return [.. _tokens.Values.Where(t => t.Handle == handle).Select(t => t.Value)];
        }
    }

    /// <summary>Counts a token refresh granted to <paramref name="handle"/> (reported by the control endpoint).</summary>
    public void CountRefresh(string handle)
    {
        lock (_lock)
        {
            CountRefreshLocked(handle);
        }
    }

    private void CountRefreshLocked(string handle) => _refreshes[handle] = _refreshes.GetValueOrDefault(handle) + 1;

    /// <summary>Counts a creator info read made with a token of <paramref name="handle"/> (reported by the control endpoint).</summary>
    public void CountCreatorInfoRead(string handle)
    {
        lock (_lock)
        {
            _creatorInfoReads[handle] = (_creatorInfoReads.GetValueOrDefault(handle).Count + 1, Now);
        }
    }

    public SandboxUserReport Report(string handle)
    {
        lock (_lock)
        {
            return ReportLocked(handle);
        }
    }

    private SandboxCheck<SandboxToken> CheckLocked(string? value, ReadOnlySpan<SandboxTokenKind> kinds)
    {
        if (string.IsNullOrEmpty(value) || !_tokens.TryGetValue(value, out var token) || !kinds.Contains(token.Kind))
        {
            return new(SandboxTokenStatus.Unknown, null);
        }

        if (token.Revoked)
        {
            return new(SandboxTokenStatus.Revoked, token);
        }

        return Now >= token.ExpiresAt ? new(SandboxTokenStatus.Expired, token) : new(SandboxTokenStatus.Valid, token);
    }

    private void RevokeWhereLocked(Func<SandboxToken, bool> predicate)
    {
        foreach (var token in _tokens.Values.Where(t => !t.Revoked && predicate(t)).ToList())
        {
            _tokens[token.Value] = token with { Revoked = true };
        }
    }

    private SandboxUserReport ReportLocked(string handle)
    {
        var user = _users.TryGetValue(handle, out var known) ? known : NewUser(handle, accountType: null);
        var now = Now;
        var active = _tokens.Values.Count(t => t.Handle == handle && !t.Revoked && now < t.ExpiresAt);
        var creatorInfoReads = _creatorInfoReads.GetValueOrDefault(handle);
        var callsLastMinute = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var ((owner, _, endpoint), calls) in _calls)
        {
            var recent = owner == handle ? calls.Count(at => at > now - RateWindow) : 0;
            if (recent > 0)
            {
                callsLastMinute[endpoint] = callsLastMinute.GetValueOrDefault(endpoint) + recent;
            }
        }

        return new SandboxUserReport(
            handle, user.PlatformUserId, user.Revocations, active, _refreshes.GetValueOrDefault(handle), creatorInfoReads.Count,
            creatorInfoReads.Count > 0 ? creatorInfoReads.LastAt : null, callsLastMinute, _rateLimited.GetValueOrDefault(handle));
    }

    private SandboxUser NewUser(string handle, string? accountType) =>
        new(handle, platformUserId(handle), accountType, Revocations: 0);
}
