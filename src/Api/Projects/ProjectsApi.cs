using System.Text.Json;
using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Api.OpenApi;
using Layers.ApiKeys;
using Layers.Organizations;
using Layers.Common;
using Layers.Projects;
using Layers.Publishing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Layers.Api.Projects;

public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this IEndpointRouteBuilder routes)
    {
        var projects = routes.MapGroup("/v1/projects").WithTags("Projects");
        projects.MapPost("", CreateAsync).RequireScope(Scopes.ProjectsWrite).ProducesErrors(409, 422)
            .Describe("createProject", "Creates a project",
                "`{name (1–128), timezone (IANA, default \"UTC\"), customerExternalId?}` → `201` with the project (`status: \"active\"`).");
        projects.MapGet("", ListAsync).RequireScope(Scopes.ProjectsRead).ProducesErrors(422).WithPaging(25, 200)
            .Describe("listProjects", "Lists the organization's projects", "Newest first.");
        projects.MapGet("/{projectId}", GetAsync).RequireScope(Scopes.ProjectsRead).ProducesErrors(404)
            .Describe("getProject", "Gets a project");
        projects.MapPatch("/{projectId}", UpdateAsync).RequireScope(Scopes.ProjectsWrite).ProducesErrors(404, 409, 422)
            .Describe("updateProject", "Changes a project",
                "Any of `name`, `timezone`, `customerExternalId`, `status: active|archived`. Archiving cancels the project's queued posts.")
            .Accepts<UpdateProjectRequest>("application/json");
        return projects;
    }

    /// <param name="body">The new project.</param>
    /// <returns>The project was created (`status: active`).</returns>
    public static async Task<Created<ProjectInfo>> CreateAsync(CreateProjectRequest body, Caller caller, IGrainFactory grains)
    {
        var draft = ProjectRules.ValidateCreate(body);
        var project = await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).CreateProjectAsync(draft);
        return TypedResults.Created($"/v1/projects/{project.Id}", project);
    }

    /// <returns>A page of projects, newest first.</returns>
    public static async Task<Ok<PageResponse<ProjectInfo>>> ListAsync(Caller caller, HttpRequest request, IGrainFactory grains)
    {
        var paging = Paging.From(request, 25, 200);
        var ids = await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).ListProjectIdsAsync(paging.Cursor, paging.Limit);
        var projects = await Task.WhenAll(ids.Items.Select(id => grains.GetGrain<IProjectGrain>(id).FindAsync(caller.OrganizationId)));
        return TypedResults.Ok(new PageResponse<ProjectInfo>([.. projects.OfType<ProjectInfo>()], ids.NextCursor));
    }

    /// <returns>The project.</returns>
    public static async Task<Ok<ProjectInfo>> GetAsync(string projectId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProjectGrain>(ProjectRules.ParseId(projectId)).GetAsync(caller.OrganizationId));

    /// <summary>Archiving cancels the project's queued posts; the project does it, durably.</summary>
    /// <param name="body">The fields to change; the others stay as they are.</param>
    /// <returns>The project as changed.</returns>
    public static async Task<Ok<ProjectInfo>> UpdateAsync(string projectId, JsonElement body, Caller caller, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IProjectGrain>(ProjectRules.ParseId(projectId));
        // Tenancy before validation: another organization's project does not exist, whatever the body says.
        await grain.GetAsync(caller.OrganizationId);
        return TypedResults.Ok(await grain.UpdateAsync(caller.OrganizationId, ProjectRules.ValidatePatch(body)));
    }
}
