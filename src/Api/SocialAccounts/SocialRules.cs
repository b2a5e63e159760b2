using System.Text.RegularExpressions;
using Layers.Api.Http;
using Layers.Common;
using Layers.SocialAccounts;

namespace Layers.Api.SocialAccounts;

/// <summary>Shared checks of the social-account endpoints.</summary>
public static partial class SocialRules
{
    public const int MaxScopes = 32;
    public const int MaxScopeLength = 64;

    /// <summary>
    /// Checks a platform name: a supported one passes; a planned one is PLATFORM_NOT_SUPPORTED; anything else is a
    /// validation issue. Returns the platform when supported.
    /// </summary>
    public static string? Platform(string? platform, Validator validator, string path = "platform", bool required = true)
    {
        if (platform is null)
        {
            if (required)
            {
                validator.Add(path, "Required: one of tiktok, instagram.");
            }

            return null;
        }

        if (PlatformNames.Supported.Contains(platform))
        {
            return platform;
        }

        if (!PlatformNames.Planned.Contains(platform))
        {
            validator.Add(path, "One of tiktok, instagram.");
        }

        return null;
    }

    public static void ThrowIfPlanned(string? platform)
    {
        if (platform is not null && PlatformNames.Planned.Contains(platform))
        {
            throw LayersException.WithDetails(ErrorKind.PlatformNotSupported, $"{platform} is planned but not supported yet.", new { platform });
        }
    }

    public static IReadOnlyList<string>? Scopes(List<string?>? scopes, Validator validator)
    {
        if (scopes is null)
        {
            return null;
        }

        validator.Check(scopes.Count is > 0 and <= MaxScopes, "scopes", $"1–{MaxScopes} scopes.");
        var result = new List<string>();
        for (var i = 0; i < scopes.Count; i++)
        {
            if (scopes[i] is { Length: > 0 and <= MaxScopeLength } scope && ScopeName().IsMatch(scope))
            {
                if (!result.Contains(scope))
                {
                    result.Add(scope);
                }
            }
            else
            {
                validator.Add($"scopes[{i}]", $"A platform scope name of 1–{MaxScopeLength} characters.");
            }
        }

        return result;
    }

    public static string AccountId(string socialAccountId) =>
        Ids.IsWellFormed(socialAccountId, "sa_") ? socialAccountId : throw LayersException.NotFound("social account");

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$")]
    private static partial Regex ScopeName();
}
