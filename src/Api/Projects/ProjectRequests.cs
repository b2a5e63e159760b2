namespace Layers.Api.Projects;

public sealed record CreateProjectRequest(string? Name, string? Timezone, string? CustomerExternalId);

/// <summary>
/// The documented shape of a project PATCH. The handler reads the body as raw JSON, because an absent field (left as
/// it is) and an explicit null (<c>customerExternalId</c> cleared) mean different things.
/// </summary>
public sealed record UpdateProjectRequest(string? Name, string? Timezone, string? CustomerExternalId, string? Status);
