using System.Text.Json;
using Layers.Api.Http;
using Layers.Common;
using Layers.Projects;

namespace Layers.Api.Projects;

/// <summary>Validation of project fields, shared by create and patch.</summary>
public static class ProjectRules
{
    public const int MaxCustomerExternalIdLength = 255;

    public static ProjectDraft ValidateCreate(CreateProjectRequest body)
    {
        var validator = new Validator();
        var name = validator.Text(body.Name, "name", 128, required: true);
        var timezone = body.Timezone ?? "UTC";
        validator.Check(IsTimeZone(timezone), "timezone", "Must be an IANA time zone name such as Europe/Paris.");
        var customer = validator.Text(body.CustomerExternalId, "customerExternalId", MaxCustomerExternalIdLength);
        validator.ThrowIfInvalid();
        return new ProjectDraft(name!, timezone, customer);
    }

    /// <summary>
    /// A PATCH body is read as raw JSON so that an absent field (unchanged) differs from an explicit null (cleared).
    /// </summary>
    public static ProjectPatch ValidatePatch(JsonElement body)
    {
        var validator = new Validator();
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw LayersException.Validation("", "The body must be a JSON object.");
        }

        string? name = null, timezone = null, customer = null, status = null;
        var clearCustomer = false;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name":
                    if (String(property, validator) is { } newName)
                    {
                        name = validator.Text(newName, "name", 128);
                    }

                    break;
                case "timezone":
                    timezone = String(property, validator);
                    validator.Check(timezone is null || IsTimeZone(timezone), "timezone", "Must be an IANA time zone name such as Europe/Paris.");
                    break;
                case "customerExternalId":
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        clearCustomer = true;
                    }
                    else
                    {
                        customer = String(property, validator) is { } newCustomer
                            ? validator.Text(newCustomer, "customerExternalId", MaxCustomerExternalIdLength)
                            : null;
                    }

                    break;
                case "status":
                    status = String(property, validator);
                    validator.Check(property.Value.ValueKind != JsonValueKind.String || status is ProjectStatus.Active or ProjectStatus.Archived, "status", "One of active, archived.");
                    break;
            }
        }

        validator.ThrowIfInvalid();
        return new ProjectPatch(name, timezone, customer, clearCustomer, status);
    }

    public static Guid ParseId(string projectId) =>
        Guid.TryParseExact(projectId, "D", out var id) ? id : throw LayersException.NotFound("project");

    private static string? String(JsonProperty property, Validator validator) => JsonText.Read(property.Value, property.Name, validator);

    private static bool IsTimeZone(string id) =>
        id.Length is > 0 and <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}
