using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Layers.Common;

namespace Layers.Api.Auth;

/// <summary>
/// Partner API keys: <c>lp_live_&lt;keyId&gt;_&lt;secret&gt;</c>, keyId 16 base32 characters, secret 43 base64url
/// characters (256 bits). Only the SHA-256 of the secret is ever stored; a 256-bit random secret needs no slow hash.
/// </summary>
public static class ApiKeyToken
{
    private const string Prefix = "lp_live_";
    private const int KeyIdLength = 16;
    private const int SecretLength = 43;

    public static (string KeyId, string Secret, string Token) Create()
    {
        var keyId = Ulid.RandomBase32(KeyIdLength);
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (keyId, secret, $"{Prefix}{keyId}_{secret}");
    }

    public static bool TryParse(string? token, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (token is null || token.Length != Prefix.Length + KeyIdLength + 1 + SecretLength
            || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[Prefix.Length + KeyIdLength] != '_')
        {
            return false;
        }

        var id = token.AsSpan(Prefix.Length, KeyIdLength);
        var sec = token.AsSpan(Prefix.Length + KeyIdLength + 1);
        if (!Ulid.IsBase32(id) || !Base64Url.IsValid(sec))
        {
            return false;
        }

        keyId = id.ToString();
        secret = sec.ToString();
        return true;
    }

    public static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    public static string IndexKey(string keyId) => "kid_" + keyId;
}
