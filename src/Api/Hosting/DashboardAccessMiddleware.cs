using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Layers.Api.Http;
using Layers.Common;
using Microsoft.Extensions.Options;

namespace Layers.Api.Hosting;

/// <summary>
/// Lets only the operator into the Orleans Dashboard: <c>Authorization: Bearer &lt;operator token&gt;</c>, or HTTP
/// Basic with the operator token as the password (any user name), which is what a browser can send. Everyone else
/// gets <c>401 UNAUTHENTICATED</c> and a Basic challenge, so a browser asks for the token.
/// </summary>
internal sealed class DashboardAccessMiddleware(RequestDelegate next, IOptions<LayersOptions> options)
{
    private const string Challenge = "Basic realm=\"Layers operator\", charset=\"UTF-8\"";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(DashboardHosting.Path) || IsOperator(context.Request))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = Challenge;
        await ErrorWriter.WriteAsync(context, ErrorKind.Unauthenticated, "The dashboard needs the operator token (Bearer, or as the Basic password).", null);
    }

    private bool IsOperator(HttpRequest request)
    {
        var expected = options.Value.AdminToken;
        if (string.IsNullOrEmpty(expected) || !AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Parameter is null)
        {
            return false;
        }

        string? presented = null;
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            presented = header.Parameter.Trim();
        }
        else if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            presented = BasicPassword(header.Parameter);
        }

        return presented is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
    }

    private static string? BasicPassword(string parameter)
    {
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
