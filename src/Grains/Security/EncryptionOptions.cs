namespace Layers.Security;

/// <summary>
/// Keys that encrypt platform tokens and webhook secrets at rest (configuration <c>Layers:EncryptionKeys</c>, a list of
/// <c>{Id, Key}</c> with 32-byte base64 keys). The first key encrypts; every listed key decrypts, so keys rotate by
/// putting a new one first and keeping the old ones until nothing encrypted with them is left.
/// </summary>
public sealed class EncryptionOptions
{
    public const string SectionName = "Layers";

    public List<EncryptionKey> EncryptionKeys { get; set; } = [];
}
