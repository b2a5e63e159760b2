namespace Layers.Api.Projects;

/// <summary>A new project.</summary>
/// <param name="Name">The project's name, 1–128 characters. Required.</param>
/// <param name="Timezone">An IANA time zone name, e.g. `Europe/Paris`; default `UTC`.</param>
/// <param name="CustomerExternalId">The partner's own id for the customer, at most 255 characters; optional.</param>
public sealed record CreateProjectRequest(string? Name, string? Timezone, string? CustomerExternalId);

/// <summary>Changes to a project: fields left out stay as they are.</summary>
/// <remarks>
/// The documented shape of a project PATCH. The handler reads the body as raw JSON, because an absent field (left as it
/// is) and an explicit null (<c>customerExternalId</c> cleared) mean different things.
/// </remarks>
/// <param name="Name">A new name, 1–128 characters.</param>
/// <param name="Timezone">A new IANA time zone name, e.g. `Europe/Paris`.</param>
/// <param name="CustomerExternalId">A new external id (at most 255 characters); `null` clears it.</param>
/// <param name="Status">`active` or `archived`. Archiving cancels the project's queued posts.</param>
public sealed record UpdateProjectRequest(string? Name, string? Timezone, string? CustomerExternalId, string? Status);
