using System.Text.Json;

namespace Layers.Api.Http;

/// <summary>Text read from a raw JSON body (PATCH bodies), where a lone surrogate is bad input, not a crash.</summary>
public static class JsonText
{
    public const string NotUnicode = "Not valid Unicode text.";

    /// <summary>The string at <paramref name="path"/>; null, with the problem added, when it is not a string or not valid Unicode.</summary>
    public static string? Read(JsonElement value, string path, Validator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        if (value.ValueKind != JsonValueKind.String)
        {
            validator.Add(path, "Must be a string.");
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to turn an escaped lone surrogate (\ud800) into a string.
            validator.Add(path, NotUnicode);
            return null;
        }
    }
}
