using Microsoft.Extensions.DependencyInjection;
using Layers.Common;

namespace Layers.Projects;

internal sealed class ProjectGrain(
    [PersistentState("project", StorageNames.Layers)] IPersistentState<ProjectState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time) : Grain, IProjectGrain
{
    private ProjectState S => state.State;

    public async Task<ProjectInfo> InitializeAsync(string organizationId, ProjectDraft draft)
    {
        if (state.RecordExists)
        {
            return S.OrganizationId == organizationId ? Info() : throw LayersException.Conflict("The project id is taken.");
        }

        var now = time.GetUtcNow();
        S.OrganizationId = organizationId;
        S.Name = draft.Name;
        S.Timezone = draft.Timezone;
        S.CustomerExternalId = draft.CustomerExternalId;
        S.Status = ProjectStatus.Active;
        S.CreatedAt = now;
        S.UpdatedAt = now;
        await state.WriteStateAsync();
        return Info();
    }

    public Task<ProjectInfo> GetAsync(string organizationId) =>
        Task.FromResult(IsVisibleTo(organizationId) ? Info() : throw LayersException.NotFound("project"));

    public Task<ProjectInfo?> FindAsync(string organizationId) => Task.FromResult(IsVisibleTo(organizationId) ? Info() : null);

    public async Task<ProjectInfo> UpdateAsync(string organizationId, ProjectPatch patch)
    {
        if (!IsVisibleTo(organizationId))
        {
            throw LayersException.NotFound("project");
        }

        S.Name = patch.Name ?? S.Name;
        S.Timezone = patch.Timezone ?? S.Timezone;
        if (patch.ClearCustomerExternalId)
        {
            S.CustomerExternalId = null;
        }
        else if (patch.CustomerExternalId is not null)
        {
            S.CustomerExternalId = patch.CustomerExternalId;
        }

        S.Status = patch.Status ?? S.Status;
        S.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return Info();
    }

    private bool IsVisibleTo(string organizationId) => state.RecordExists && S.OrganizationId == organizationId;

    private ProjectInfo Info() =>
        new(this.GetPrimaryKey(), S.OrganizationId!, S.Name, S.Timezone, S.CustomerExternalId, S.Status, S.CreatedAt, S.UpdatedAt);
}
