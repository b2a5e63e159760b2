using Layers.Platforms.Instagram;
using Layers.Platforms.TikTok;
using Microsoft.Extensions.Options;

namespace Layers.Platforms;

/// <summary>Refuses to start with half-configured platform credentials or malformed endpoints.</summary>
internal sealed class PlatformOptionsValidator : IValidateOptions<TikTokOptions>, IValidateOptions<InstagramOptions>
{
    public ValidateOptionsResult Validate(string? name, TikTokOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{TikTokOptions.SectionName}:ClientSecret must be set when ClientKey is set.");
        }

        CheckUrl(failures, TikTokOptions.SectionName, nameof(options.AuthorizeUrl), options.AuthorizeUrl);
        CheckUrl(failures, TikTokOptions.SectionName, nameof(options.ApiBaseUrl), options.ApiBaseUrl);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, InstagramOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{InstagramOptions.SectionName}:ClientSecret must be set when ClientId is set.");
        }

        CheckUrl(failures, InstagramOptions.SectionName, nameof(options.AuthorizeUrl), options.AuthorizeUrl);
        CheckUrl(failures, InstagramOptions.SectionName, nameof(options.ApiBaseUrl), options.ApiBaseUrl);
        CheckUrl(failures, InstagramOptions.SectionName, nameof(options.GraphBaseUrl), options.GraphBaseUrl);
        if (string.IsNullOrWhiteSpace(options.GraphVersion) || options.GraphVersion.Contains('/', StringComparison.Ordinal))
        {
            failures.Add($"{InstagramOptions.SectionName}:GraphVersion must be a version such as v26.0.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(List<string> failures, string section, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{section}:{key} must be an absolute http(s) URL.");
        }
    }
}
