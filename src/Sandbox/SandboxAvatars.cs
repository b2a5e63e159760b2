using System.Security.Cryptography;
using System.Text;

namespace Layers.Sandbox;

/// <summary>Profile pictures of simulated users: a coloured initial, served by the simulator itself.</summary>
internal static class SandboxAvatars
{
    private static readonly string[] Colors = ["#0ea5e9", "#8b5cf6", "#ec4899", "#f97316", "#10b981", "#6366f1", "#ef4444", "#14b8a6"];

    public static string Url(HttpRequest request, SandboxPlatform platform, string handle) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{platform.BasePath}/avatars/{Uri.EscapeDataString(handle)}.svg";

    public static IResult Svg(SandboxPlatform platform, string raw)
    {
        if (!SandboxIdentity.TryNormalizeHandle(raw, out var handle))
        {
            return TypedResults.NotFound();
        }

        var color = Colors[SHA256.HashData(Encoding.UTF8.GetBytes(platform.Name + ":" + handle))[0] % Colors.Length];
        var initial = char.ToUpperInvariant(handle[0]);
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"200\" viewBox=\"0 0 200 200\">" +
            $"<rect width=\"200\" height=\"200\" fill=\"{color}\"/>" +
            $"<text x=\"100\" y=\"100\" dy=\".35em\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"96\" fill=\"#fff\">{initial}</text></svg>";
        return TypedResults.Text(svg, "image/svg+xml", Encoding.UTF8);
    }
}
