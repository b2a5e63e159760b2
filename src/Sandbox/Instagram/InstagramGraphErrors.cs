using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Layers.Sandbox.Instagram;

/// <summary>Graph's error answers, shared by the Instagram simulator's token and publishing endpoints.</summary>
internal static class InstagramGraphErrors
{
    /// <summary>
    /// The Graph API's error shape. Content publishing's own failures (the daily limit, media errors, 2207xxx subcodes)
    /// are <c>IGApiException</c>s; token, permission, parameter and version errors <c>OAuthException</c>s.
    /// </summary>
    public static JsonHttpResult<object> GraphError(
        int code, string message, int? subcode = null, bool transient = false, int status = StatusCodes.Status400BadRequest)
    {
        var error = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["message"] = message,
            ["type"] = code is 9 or 352 or 9004 or (>= 36000 and <= 36004) || subcode is >= 2207000 and < 2208000
                ? "IGApiException"
                : "OAuthException",
            ["code"] = code,
        };
        if (subcode is not null)
        {
            error["error_subcode"] = subcode.Value;
        }

        error["is_transient"] = transient;
        error["fbtrace_id"] = SandboxIdentity.FbTraceId();
        return TypedResults.Json<object>(new { error }, SandboxJson.Options, statusCode: status);
    }

    /// <summary>Error 190 with the subcode Graph uses for the reason the token is dead.</summary>
    public static JsonHttpResult<object> TokenError(SandboxCheck<SandboxToken> check) => check.Status switch
    {
        SandboxTokenStatus.Expired => GraphError(190,
            $"Error validating access token: Session has expired on {check.Value!.ExpiresAt.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)}.",
            subcode: 463),
        SandboxTokenStatus.Revoked => GraphError(190,
            "Error validating access token: The session has been invalidated because the user changed their password or the session was changed for security reasons.",
            subcode: 460),
        _ => GraphError(190, "Invalid OAuth access token - Cannot parse access token"),
    };
}
