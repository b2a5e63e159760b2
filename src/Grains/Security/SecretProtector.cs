using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Layers.Security;

/// <summary>
/// AES-256-GCM for secrets at rest. A ciphertext is <c>&lt;keyId&gt;.&lt;base64url(nonce ‖ tag ‖ ciphertext)&gt;</c>,
/// bound to its purpose (e.g. the account id and token kind) as associated data, so a ciphertext copied to another
/// row does not decrypt.
/// </summary>
public sealed class SecretProtector : ISecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>Ciphers kept per key for reuse; beyond this many idle ones, a returned cipher is released.</summary>
    private const int IdleCiphersPerKey = 32;

    private readonly Dictionary<string, Key> _keys = new(StringComparer.Ordinal);
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

            _keys.Add(key.Id, new Key(bytes));
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
        using (var cipher = _keys[_activeKeyId].Rent())
        {
            cipher.Aes.Encrypt(nonce, data, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        }

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
        using (var cipher = key.Rent())
        {
            cipher.Aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(purpose));
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>
    /// A key and its idle ciphers. Setting up a cipher costs more than a short message's encryption (every post's
    /// hand-off decrypts its account's token), and one cipher must not serve two threads at once: each call rents
    /// one and gives it back when done.
    /// </summary>
    private sealed class Key(byte[] material)
    {
        private readonly ConcurrentQueue<AesGcm> _idle = new();
        private int _idleCount;

        public Rented Rent()
        {
            if (_idle.TryDequeue(out var aes))
            {
                Interlocked.Decrement(ref _idleCount);
                return new Rented(this, aes);
            }

            return new Rented(this, new AesGcm(material, TagSize));
        }

        private void Return(AesGcm aes)
        {
            if (Interlocked.Increment(ref _idleCount) <= IdleCiphersPerKey)
            {
                _idle.Enqueue(aes);
            }
            else
            {
                Interlocked.Decrement(ref _idleCount);
                aes.Dispose();
            }
        }

        /// <summary>A cipher in use; disposing gives it back.</summary>
        public readonly struct Rented(Key owner, AesGcm aes) : IDisposable
        {
            public AesGcm Aes => aes;

            public void Dispose() => owner.Return(aes);
        }
    }
}
