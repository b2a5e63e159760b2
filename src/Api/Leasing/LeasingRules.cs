using System.Text.RegularExpressions;
using Layers.Api.Http;
using Layers.Leasing;

namespace Layers.Api.Leasing;

/// <summary>Checks shared by the partner and operator leasing endpoints.</summary>
public static partial class LeasingRules
{
    public const int MaxVerticalLength = 100;
    public const int MaxAudienceLength = 500;
    public const int MaxLanguageLength = 35;
    public const int MaxTargetLength = 500;
    public const int MaxNoteLength = 2000;
    public const int MaxReasonLength = 2000;

    /// <summary>A niche: vertical required, the rest optional. Countries come back upper-case and without repeats.</summary>
    public static LeaseNiche? Niche(LeaseNicheBody? niche, Validator validator, string path = "niche")
    {
        if (niche is null)
        {
            validator.Add(path, "Required: an object with at least a vertical.");
            return null;
        }

        var vertical = validator.Text(niche.Vertical, $"{path}.vertical", MaxVerticalLength, required: true);
        var audience = Optional(validator.Text(niche.Audience, $"{path}.audience", MaxAudienceLength, minLength: 0));
        var language = niche.Language?.Trim();
        validator.Check(language is null || (language.Length <= MaxLanguageLength && LanguageTag().IsMatch(language)),
            $"{path}.language", "Must be a BCP-47 language tag such as en-US.");
        var geo = new List<string>();
        if (niche.Geo is not null)
        {
            validator.Check(niche.Geo.Count <= IsoCountries.Count, $"{path}.geo", $"At most {IsoCountries.Count} countries.");
            for (var i = 0; i < niche.Geo.Count; i++)
            {
                var code = niche.Geo[i]?.Trim().ToUpperInvariant();
                if (code is null || code.Length != 2 || !IsoCountries.IsAssigned(code))
                {
                    validator.Add($"{path}.geo[{i}]", "Must be an ISO 3166-1 alpha-2 country code such as US.");
                }
                else if (!geo.Contains(code))
                {
                    geo.Add(code);
                }
            }
        }

        return vertical is null ? null : new LeaseNiche(vertical, audience, string.IsNullOrEmpty(language) ? null : language, geo);
    }

    /// <summary>Empty optional text is the same as none.</summary>
    public static string? Optional(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>
    /// BCP-47 (RFC 5646) well-formed language tags: language with extended subtags, script, region, variants,
    /// extensions and private use.
    /// </summary>
    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*(-[Xx](-[A-Za-z0-9]{1,8})+)?$")]
    private static partial Regex LanguageTag();
}
