using Layers.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Publishing;

internal sealed class ContentContainerGrain(
    [PersistentState("content", StorageNames.Layers)] IPersistentState<ContentContainerState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time) : Grain, IContentContainerGrain
{
    public async Task<ContentView> CreateAsync(string organizationId, Guid projectId, ContentDraft draft)
    {
        if (state.RecordExists)
        {
            throw LayersException.Conflict("The content id is taken.");
        }

        state.State = new ContentContainerState
        {
            OrganizationId = organizationId,
            ProjectId = projectId,
            Caption = draft.Caption,
            FirstComment = draft.FirstComment,
            Assets = [.. draft.Assets],
            CreatedAt = time.GetUtcNow(),
        };
        await state.WriteStateAsync();
        return View();
    }

    public Task<ContentView> GetAsync(string organizationId) =>
        Task.FromResult(state.RecordExists && state.State.OrganizationId == organizationId ? View() : throw LayersException.NotFound("content"));

    private ContentView View() => new(
        this.GetPrimaryKeyString(), state.State.ProjectId, "completed", "uploaded", state.State.Caption, state.State.FirstComment,
        state.State.Assets, state.State.CreatedAt);
}
