namespace Layers.Api.Projects;

public sealed record CreateProjectRequest(string? Name, string? Timezone, string? CustomerExternalId);
