using System.Text.Json;
using Layers.Api.Http;
using Layers.Common;
using Layers.Events;
using Layers.Webhooks;

namespace Layers.Api.Webhooks;

/// <summary>Validation of endpoint fields, shared by create and patch.</summary>
public static class WebhookRules
{
    public const int MaxUrlLength = 2048;
    public const int MaxEvents = 50;
    public const int MaxDescriptionLength = 500;

    private const string UrlExpectation = "Must be an absolute https URL (http only for localhost or 127.0.0.1), without user info or fragment.";

    /// <summary>
    /// Checks the URL's form, then where its host points (private, loopback, link-local and metadata addresses are
    /// refused unless configuration allows them); returns the URL when it passed.
    /// </summary>
    public static async Task<string?> UrlAsync(
        string? text, Validator validator, IWebhookAddressCheck policy, CancellationToken cancellationToken, bool required = true)
    {
        if (text is null)
        {
            if (required)
            {
                validator.Add("url", "Required: " + UrlExpectation);
            }

            return null;
        }

        if (!IsWellFormed(text, out var uri))
        {
            validator.Add("url", UrlExpectation);
            return null;
        }

        if (await policy.FindProblemAsync(uri, cancellationToken) is { } problem)
        {
            validator.Add("url", problem);
            return null;
        }

        return uri.AbsoluteUri;
    }

    /// <summary>1–50 known event names, or exactly <c>["*"]</c>; duplicates are dropped.</summary>
    public static IReadOnlyList<string>? Events(IReadOnlyList<string?>? events, Validator validator)
    {
        if (events is null || events.Count == 0 || events.Count > MaxEvents)
        {
            validator.Add("events", $"Must list 1–{MaxEvents} event names, or [\"*\"] for every event.");
            return null;
        }

        if (events.Contains(WebhookEndpointSummary.AllEvents))
        {
            return events.Count == 1
                ? [WebhookEndpointSummary.AllEvents]
                : Invalid(validator, "events", "\"*\" stands alone: it already means every event.");
        }

        var valid = true;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not { } name || !EventTypes.All.Contains(name))
            {
                validator.Add($"events[{i}]", "Unknown event name. Known: " + string.Join(", ", EventTypes.All) + ".");
                valid = false;
            }
        }

        return valid ? [.. events.OfType<string>().Distinct(StringComparer.Ordinal)] : null;
    }

    public static Guid? ProjectId(string? text, Validator validator)
    {
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParseExact(text, "D", out var id))
        {
            return id;
        }

        validator.Add("projectId", "A project id (UUID).");
        return null;
    }

    /// <summary>A PATCH body is read as raw JSON so that an absent description (unchanged) differs from null (cleared).</summary>
    public static async Task<WebhookEndpointPatch> ValidatePatchAsync(
        JsonElement body, IWebhookAddressCheck policy, CancellationToken cancellationToken)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw LayersException.Validation("", "The body must be a JSON object.");
        }

        var validator = new Validator();
        string? url = null, description = null, status = null;
        IReadOnlyList<string>? events = null;
        var clearDescription = false;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "url":
                    if (String(property, validator) is { } newUrl)
                    {
                        url = await UrlAsync(newUrl, validator, policy, cancellationToken);
                    }

                    break;
                case "events":
                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        var items = property.Value.EnumerateArray().ToList();
                        var names = items.Select((e, i) => e.ValueKind == JsonValueKind.String ? JsonText.Read(e, $"events[{i}]", validator) ?? "" : null).ToList();
                        events = Events(names, validator);
                    }
                    else
                    {
                        validator.Add("events", "Must be an array of event names.");
                    }

                    break;
                case "description":
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        clearDescription = true;
                    }
                    else if (String(property, validator) is { } newDescription)
                    {
                        description = validator.Text(newDescription, "description", MaxDescriptionLength, minLength: 0);
                    }

                    break;
                case "status":
                    status = String(property, validator);
                    validator.Check(property.Value.ValueKind != JsonValueKind.String || status is WebhookEndpointStatus.Active or WebhookEndpointStatus.Paused,
                        "status", "One of active, paused.");
                    break;
            }
        }

        validator.ThrowIfInvalid();
        return new WebhookEndpointPatch(url, events, description, clearDescription, status);
    }

    public static string EndpointId(string text) =>
        Ids.IsWellFormed(text, WebhookIds.Endpoint) ? text : throw LayersException.NotFound("webhook endpoint");

    public static string DeliveryId(string text) =>
        Ids.IsWellFormed(text, WebhookIds.Delivery) ? text : throw LayersException.NotFound("webhook delivery");

    private static bool IsWellFormed(string text, out Uri uri)
    {
        uri = null!;
        if (text.Length == 0 || text.Length > MaxUrlLength || text.Any(c => c <= ' ' || c == '\\' || c == 0x7f)
            || !Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.UserInfo.Length > 0 || parsed.Fragment.Length > 0
            || parsed.Host.Length == 0)
        {
            return false;
        }

        var local = parsed.Host is "localhost" or "127.0.0.1";
        if (parsed.Scheme != Uri.UriSchemeHttps && !(parsed.Scheme == Uri.UriSchemeHttp && local))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    private static string? String(JsonProperty property, Validator validator) => JsonText.Read(property.Value, property.Name, validator);

    private static IReadOnlyList<string>? Invalid(Validator validator, string path, string message)
    {
        validator.Add(path, message);
        return null;
    }
}
