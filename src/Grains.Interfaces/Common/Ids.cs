namespace Layers.Common;

/// <summary>Prefixed identifiers of the public API (<c>org_…</c>, <c>key_…</c>, …) and their shape checks.</summary>
public static class Ids
{
    public const string Organization = "org_";
    public const string ApiKey = "key_";
    public const string Request = "req_";
    public const string Event = "evt_";

    public static string New(string prefix, TimeProvider time) => prefix + Ulid.NewUlid(time.GetUtcNow());

    /// <summary>True when the text is the prefix followed by a 26-character ULID.</summary>
    public static bool IsWellFormed(string? text, string prefix) =>
        text is not null
        && text.Length == prefix.Length + 26
        && text.StartsWith(prefix, StringComparison.Ordinal)
        && Ulid.IsBase32(text.AsSpan(prefix.Length));
}
