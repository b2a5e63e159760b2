using System.Text;
using System.Text.Encodings.Web;
using Layers.Platforms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Layers.Sandbox;

/// <summary>
/// The simulated consent step (<c>GET /sandbox/{platform}/oauth/authorize</c>). It takes the platform's own query
/// parameters. With <c>sandbox_user</c> + <c>sandbox_decision</c> it decides at once and redirects like the
/// platform; otherwise it shows a consent page whose form comes back here with the decision.
/// </summary>
internal static class SandboxConsent
{
    private const string UserParameter = "sandbox_user";
    private const string DecisionParameter = "sandbox_decision";
    private const string AccountTypeParameter = "sandbox_account_type";
    private const string GrantScopesParameter = "sandbox_grant_scopes";
    private const string GrantScopeParameter = "sandbox_grant_scope";
    private const string ScopeChoiceParameter = "sandbox_scope_choice";

    private static readonly string[] SandboxParameters =
        [UserParameter, DecisionParameter, AccountTypeParameter, GrantScopesParameter, GrantScopeParameter, ScopeChoiceParameter];

    /// <summary>Instagram account types as offered on the page and as the Graph API names them.</summary>
    private static readonly (string Value, string Label, string GraphName)[] AccountTypes =
    [
        ("business", "Business", "BUSINESS"),
        ("creator", "Creator", "MEDIA_CREATOR"),
        ("personal", "Personal", "PERSONAL"),
    ];

    public static IResult Authorize(HttpRequest request, SandboxPlatform platform, SandboxPlatformState state, string publicBaseUrl)
    {
        var query = request.Query;
        var clientId = query[platform.ClientIdParameter].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        if (clientId.Length == 0)
        {
            return ErrorPage(platform, $"The request has no {platform.ClientIdParameter}.");
        }

        if (clientId != PlatformOptionsSetup.SandboxClientId)
        {
            return ErrorPage(platform, $"No sandbox app has the {platform.ClientIdParameter} “{clientId}”.");
        }

        if (redirectUri.Length == 0)
        {
            return ErrorPage(platform, "The request has no redirect_uri.");
        }

        if (!IsRegisteredRedirect(redirectUri, publicBaseUrl))
        {
            return ErrorPage(platform, $"The redirect_uri is not registered for this app: it must be an absolute URL on {publicBaseUrl} without a fragment.");
        }

        if (query["response_type"] != "code")
        {
            return ErrorPage(platform, "response_type must be code.");
        }

        var oauthState = query["state"].ToString();
        var requested = SplitScopes(query["scope"]);
        if (requested.Count == 0)
        {
            return TypedResults.Redirect(WithQuery(redirectUri, fragment: null,
                ("error", "invalid_scope"), ("error_description", "The request names no scope."), ("state", oauthState)));
        }

        var decision = query[DecisionParameter].ToString();
        if (decision == "deny")
        {
            return TypedResults.Redirect(platform.DenyReason is { } reason
                ? WithQuery(redirectUri, fragment: null,
                    ("error", "access_denied"), ("error_reason", reason), ("error_description", "The user denied the request."), ("state", oauthState))
                : WithQuery(redirectUri, fragment: null,
                    ("error", "access_denied"), ("error_description", "The user denied the request."), ("state", oauthState)));
        }

        if (decision.Length > 0 && decision != "approve")
        {
            return Page(request, platform, requested, "sandbox_decision must be approve or deny.");
        }

        if (decision.Length == 0)
        {
            return Page(request, platform, requested, error: null);
        }

        if (!SandboxIdentity.TryNormalizeHandle(query[UserParameter], out var handle))
        {
            return Page(request, platform, requested, "Enter a handle of up to 30 letters, digits, dots or underscores.");
        }

        string? accountType = null;
        if (platform.HasAccountTypes)
        {
            var chosen = query[AccountTypeParameter].ToString();
            var match = AccountTypes.FirstOrDefault(t => t.Value == (chosen.Length == 0 ? "business" : chosen.ToLowerInvariant()));
            if (match.GraphName is null)
            {
                return Page(request, platform, requested, "sandbox_account_type must be business, creator or personal.");
            }

            accountType = match.GraphName;
        }

        // A creator shaped to decline some scopes unticks them, whatever the request or the page said.
        var declined = state.Creator(handle).DeclineScopes;
        var granted = Granted(query, requested).Where(s => !declined.Contains(s)).ToList();
        state.Consent(handle, accountType);
        var code = state.IssueCode(handle, granted, redirectUri);
        return TypedResults.Redirect(platform.RedirectCarriesScopes
            ? WithQuery(redirectUri, fragment: null, ("code", code), ("scopes", string.Join(',', granted)), ("state", oauthState))
            : WithQuery(redirectUri, platform.RedirectEndsWithFragment ? "_" : null, ("code", code), ("state", oauthState)));
    }

    /// <summary>
    /// The scopes the user agreed to: all requested ones, or the subset named by <c>sandbox_grant_scopes</c> or ticked
    /// on the page, kept in the requested order.
    /// </summary>
    private static List<string> Granted(IQueryCollection query, List<string> requested)
    {
        HashSet<string>? chosen = null;
        if (query.ContainsKey(GrantScopesParameter))
        {
            chosen = [.. SplitScopes(query[GrantScopesParameter])];
        }
        else if (query.ContainsKey(ScopeChoiceParameter))
        {
            chosen = [.. query[GrantScopeParameter].OfType<string>()];
        }

        return chosen is null ? requested : requested.Where(chosen.Contains).ToList();
    }

    private static List<string> SplitScopes(StringValues values) =>
        values.OfType<string>()
            .SelectMany(v => v.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Only callbacks on this service's own origin are "registered", so the sandbox is never an open redirect.</summary>
    private static bool IsRegisteredRedirect(string redirectUri, string publicBaseUrl) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect)
        && Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var service)
        && redirect.Fragment.Length == 0
        && string.Equals(redirect.Scheme, service.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(redirect.Host, service.Host, StringComparison.OrdinalIgnoreCase)
        && redirect.Port == service.Port;

    private static string WithQuery(string uri, string? fragment, params (string Name, string Value)[] parameters)
    {
        var url = new StringBuilder(uri);
        var separator = uri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            if (name == "state" && value.Length == 0)
            {
                continue;
            }

            url.Append(separator).Append(name).Append('=');
            url.Append(name == "scopes"
                ? string.Join(',', value.Split(',').Select(Uri.EscapeDataString))
                : Uri.EscapeDataString(value));
            separator = '&';
        }

        if (fragment is not null)
        {
            url.Append('#').Append(fragment);
        }

        return url.ToString();
    }

    private static ContentHttpResult Page(HttpRequest request, SandboxPlatform platform, List<string> requested, string? error)
    {
        var query = request.Query;
        var granted = Granted(query, requested);
        var html = new StringBuilder();
        var app = query[platform.ClientIdParameter].ToString();
        Head(html, $"Authorize {app} · {platform.DisplayName} sandbox");
        html.Append("<p class=\"badge\">").Append(E(platform.DisplayName)).Append(" sandbox — no real account is used</p>\n");
        html.Append("<h1><span id=\"app\">").Append(E(app)).Append("</span> wants to access your ")
            .Append(E(platform.DisplayName)).Append(" account</h1>\n");
        if (error is not null)
        {
            html.Append("<p id=\"error\" class=\"error\" role=\"alert\">").Append(E(error)).Append("</p>\n");
        }

        html.Append("<form method=\"get\" action=\"").Append(E(request.PathBase + request.Path)).Append("\">\n");
        foreach (var (name, values) in query)
        {
            if (SandboxParameters.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            foreach (var value in values)
            {
                html.Append("<input type=\"hidden\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(value ?? "")).Append("\">\n");
            }
        }

        html.Append("<input type=\"hidden\" name=\"").Append(ScopeChoiceParameter).Append("\" value=\"1\">\n");
        html.Append("<label for=\"handle\">").Append(E(platform.DisplayName)).Append(" handle</label>\n");
        html.Append("<input id=\"handle\" name=\"").Append(UserParameter).Append("\" value=\"").Append(E(query[UserParameter].ToString()))
            .Append("\" required maxlength=\"31\" autocomplete=\"off\" spellcheck=\"false\" placeholder=\"acme.coffee\">\n");
        if (platform.HasAccountTypes)
        {
            var chosen = query[AccountTypeParameter].ToString().ToLowerInvariant();
            html.Append("<label for=\"account_type\">Account type</label>\n<select id=\"account_type\" name=\"").Append(AccountTypeParameter).Append("\">\n");
            foreach (var (value, label, _) in AccountTypes)
            {
                var selected = value == chosen || (chosen.Length == 0 && value == "business");
                html.Append("<option value=\"").Append(value).Append('"').Append(selected ? " selected" : "").Append('>')
                    .Append(label).Append("</option>\n");
            }

            html.Append("</select>\n");
        }

        html.Append("<h2>Requested permissions</h2>\n<ul id=\"scopes\">\n");
        foreach (var scope in requested)
        {
            html.Append("<li class=\"scope\"><label><input type=\"checkbox\" name=\"").Append(GrantScopeParameter).Append("\" value=\"")
                .Append(E(scope)).Append('"').Append(granted.Contains(scope) ? " checked" : "").Append('>')
                .Append(E(scope)).Append("</label></li>\n");
        }

        html.Append("</ul>\n<div class=\"actions\">\n")
            .Append("<button id=\"deny\" type=\"submit\" name=\"").Append(DecisionParameter).Append("\" value=\"deny\" formnovalidate>Deny</button>\n")
            .Append("<button id=\"approve\" type=\"submit\" name=\"").Append(DecisionParameter).Append("\" value=\"approve\">Approve</button>\n")
            .Append("</div>\n</form>\n");
        if (Uri.TryCreate(query["redirect_uri"], UriKind.Absolute, out var redirect))
        {
            html.Append("<p class=\"note\">Your answer is sent to <code>").Append(E(redirect.GetLeftPart(UriPartial.Authority))).Append("</code>.</p>\n");
        }

        Foot(html);
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8,
            error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static ContentHttpResult ErrorPage(SandboxPlatform platform, string message)
    {
        var html = new StringBuilder();
        Head(html, $"{platform.DisplayName} sandbox · error");
        html.Append("<p class=\"badge\">").Append(E(platform.DisplayName)).Append(" sandbox</p>\n")
            .Append("<h1>This authorization request cannot be completed</h1>\n")
            .Append("<p id=\"error\" class=\"error\" role=\"alert\">").Append(E(message)).Append("</p>\n");
        Foot(html);
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);
    }

    private static void Head(StringBuilder html, string title) =>
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#18181b;margin:0}\n")
            .Append("main{max-width:28rem;margin:3rem auto;background:#fff;border-radius:.75rem;padding:2rem;box-shadow:0 1px 3px #0002}\n")
            .Append("h1{font-size:1.25rem}h2{font-size:1rem;margin-top:1.5rem}\n")
            .Append(".badge{display:inline-block;background:#fef3c7;color:#92400e;border-radius:1rem;padding:.2rem .7rem;font-size:.8rem}\n")
            .Append(".error{color:#b91c1c}label{display:block;margin-top:1rem;font-weight:600}\n")
            .Append("input#handle,select{width:100%;box-sizing:border-box;padding:.5rem;margin-top:.3rem;font-size:1rem}\n")
            .Append("ul{padding:0;list-style:none}li.scope label{font-weight:400;font-family:ui-monospace,monospace;margin-top:.4rem}\n")
            .Append(".actions{display:flex;gap:.75rem;justify-content:flex-end;margin-top:1.5rem}\n")
            .Append("button{padding:.6rem 1.2rem;font-size:1rem;border-radius:.4rem;border:1px solid #d4d4d8;background:#fff;cursor:pointer}\n")
            .Append("button#approve{background:#18181b;color:#fff;border-color:#18181b}.note{color:#71717a;font-size:.85rem}\n")
            .Append("</style>\n</head>\n<body>\n<main>\n");

    private static void Foot(StringBuilder html) => html.Append("</main>\n</body>\n</html>\n");

    private static string E(string value) => HtmlEncoder.Default.Encode(value);
}
