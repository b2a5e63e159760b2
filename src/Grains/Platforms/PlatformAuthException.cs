namespace Layers.Platforms;

/// <summary>
/// The platform refused the credentials for good (TikTok <c>invalid_grant</c> / <c>access_token_invalid</c>,
/// Instagram error 190, an expired refresh token): the account needs the user to re-authorize.
/// </summary>
[GenerateSerializer]
public sealed class PlatformAuthException(string message, string? platformCode, int? httpStatus = null)
    : PlatformException(message, platformCode, httpStatus);
