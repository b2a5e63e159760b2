using System.Buffers.Text;
using System.Security.Cryptography;

namespace Layers.Webhooks;

public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    /// <summary>A new signing secret: <c>whsec_</c> and 256 random bits, base64url.</summary>
    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
