using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Layers.Security;

/// <summary>
/// AES-256-GCM for secrets at rest. A ciphertext is <c>&lt;keyId&gt;.&lt;base64url(nonce ‖ tag ‖ ciphertext)&gt;</c>,
/// bound to its purpose (e.g. the account id and token kind) as associated data, so a ciphertext copied to another
/// row does not decrypt.
/// </summary>
public sealed class SecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly string _activeKeyId;

    public SecretProtector(IOptions<EncryptionOptions> options)
    {
        foreach (var key in options.Value.EncryptionKeys)
        {
            var bytes = Convert.FromBase64String(key.Key);
            if (bytes.Length != 32 || string.IsNullOrWhiteSpace(key.Id) || key.Id.Contains('.', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Encryption key '{key.Id}' must have an id without '.' and 32 bytes of key material.");
            }

            _keys.Add(key.Id, bytes);
        }

        _activeKeyId = options.Value.EncryptionKeys.FirstOrDefault()?.Id
            ?? throw new InvalidOperationException("No encryption key is configured (Layers:EncryptionKeys).");
    }

    public string Protect(string plaintext, string purpose)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + data.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_activeKeyId], TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return _activeKeyId + "." + Base64Url.EncodeToString(output);
    }

    public string Unprotect(string ciphertext, string purpose)
    {
        var dot = ciphertext.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !_keys.TryGetValue(ciphertext[..dot], out var key))
        {
            throw new CryptographicException("The secret was encrypted with a key that is not configured.");
        }

        var input = Base64Url.DecodeFromChars(ciphertext.AsSpan(dot + 1));
        var plaintext = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plaintext);
    }
}
