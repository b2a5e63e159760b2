using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Layers.Common;

/// <summary>
/// The wire format of the API and of webhook payloads: camelCase, UTC timestamps with <c>Z</c>, nulls written out.
/// </summary>
public static class WireJson
{
    public const string TimestampExpectation = "Expected an ISO-8601 timestamp with a time zone (e.g. 2026-04-18T12:30:00Z).";

    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new UtcTimestampConverter());
        return options;
    }

    /// <summary>Writes <c>2026-04-18T12:30:00Z</c>; reads any ISO-8601 time with an offset and normalises it to UTC.</summary>
    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                || !HasZone(text))
            {
                throw new JsonException(TimestampExpectation);
            }

            return value.ToUniversalTime();
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Format(value));

        private static bool HasZone(string text) =>
            text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
    }

    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
