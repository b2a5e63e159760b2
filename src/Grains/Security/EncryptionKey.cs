namespace Layers.Security;

public sealed class EncryptionKey
{
    /// <summary>Short name stored with each ciphertext (letters, digits, '-', '_').</summary>
    public string Id { get; set; } = "";

    /// <summary>32 random bytes, base64.</summary>
    public string Key { get; set; } = "";
}
