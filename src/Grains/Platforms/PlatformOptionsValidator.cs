using Microsoft.Extensions.Options;

namespace Layers.Platforms;

/// <summary>Refuses to start with half-configured platform credentials or malformed endpoints.</summary>
public sealed class PlatformOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, IPlatformOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Problems().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Checks the platform options' classes share.</summary>
public static class PlatformOptionsValidator
{
    /// <summary>The problem with an endpoint that is not an absolute http(s) URL, or null.</summary>
    public static string? UrlProblem(string section, string key, string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : $"{section}:{key} must be an absolute http(s) URL.";
}
