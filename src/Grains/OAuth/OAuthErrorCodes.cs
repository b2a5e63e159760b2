namespace Layers.OAuth;

/// <summary>The <c>layers_oauth_error</c> codes a failed consent redirects with.</summary>
public static class OAuthErrorCodes
{
    public const string AccessDenied = "access_denied";
    public const string StateExpired = "state_expired";
    public const string StateAlreadyUsed = "state_already_used";
    public const string TokenExchangeFailed = "token_exchange_failed";
    public const string ScopeMissing = "scope_missing";
    public const string AccountMismatch = "account_mismatch";
    public const string NotBusinessAccount = "not_business_account";
    public const string PlatformError = "platform_error";
}
