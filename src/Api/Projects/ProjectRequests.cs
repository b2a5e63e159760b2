using System.ComponentModel.DataAnnotations;
using Layers.Api.OpenApi;
using Layers.Common;

namespace Layers.Api.Projects;

/// <summary>A new project.</summary>
/// <param name="Name">The project's name, 1–128 characters. Required.</param>
/// <param name="Timezone">An IANA time zone name, e.g. `Europe/Paris`; default `UTC`.</param>
/// <param name="CustomerExternalId">The partner's own id for the customer, at most 255 characters; optional.</param>
[RequestExample("""{"name": "Acme Coffee", "timezone": "Europe/Paris", "customerExternalId": "cust_4821"}""")]
public sealed record CreateProjectRequest(
    [property: Required, StringLength(128, MinimumLength = 1)] string? Name,
    [property: StringLength(64)] string? Timezone,
    [property: StringLength(255)] string? CustomerExternalId);

/// <summary>Changes to a project: fields left out stay as they are.</summary>
/// <remarks>
/// The documented shape of a project PATCH. The handler reads the body as raw JSON, because an absent field (left as it
/// is) and an explicit null (<c>customerExternalId</c> cleared) mean different things.
/// </remarks>
/// <param name="Name">A new name, 1–128 characters.</param>
/// <param name="Timezone">A new IANA time zone name, e.g. `Europe/Paris`.</param>
/// <param name="CustomerExternalId">A new external id (at most 255 characters); `null` clears it.</param>
/// <param name="Status">`active` or `archived`. Archiving cancels the project's queued posts.</param>
[RequestExample("""{"name": "Acme Coffee Roasters", "status": "active"}""")]
public sealed record UpdateProjectRequest(
    [property: StringLength(128, MinimumLength = 1)] string? Name,
    [property: StringLength(64)] string? Timezone,
    [property: StringLength(255)] string? CustomerExternalId,
    [property: OneOf("active", "archived")] string? Status);
