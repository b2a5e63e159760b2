namespace Layers.Publishing;

public static class PostErrorCodes
{
    public const string CredentialInvalid = "CREDENTIAL_INVALID";
    public const string PlatformError = "PLATFORM_ERROR";
    public const string MediaRejected = "MEDIA_REJECTED";
    public const string AccountDisconnected = "ACCOUNT_DISCONNECTED";
    public const string PublishOutcomeUnknown = "PUBLISH_OUTCOME_UNKNOWN";
    public const string RateLimitedByPlatform = "RATE_LIMITED_BY_PLATFORM";
    public const string OptionsNotAllowed = "OPTIONS_NOT_ALLOWED";
}
