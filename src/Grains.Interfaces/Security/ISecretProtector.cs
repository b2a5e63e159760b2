namespace Layers.Security;

/// <summary>
/// Encrypts secrets bound to what they belong to (the purpose names the row): a ciphertext copied to
/// another row does not decrypt.
/// </summary>
public interface ISecretProtector
{
    string Protect(string plaintext, string purpose);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> for a ciphertext of another purpose or key.</summary>
    string Unprotect(string ciphertext, string purpose);
}
