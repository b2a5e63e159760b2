namespace Layers.Publishing;

/// <summary>An uploaded content container (<c>cnt_…</c>): caption and assets, written once.</summary>
[Alias("Layers.IContentContainerGrain")]
public interface IContentContainerGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<ContentView> CreateAsync(string organizationId, Guid projectId, ContentDraft draft);

    /// <summary>The container, or NotFound for an unknown id or another organization's.</summary>
    [Alias("Get")]
    Task<ContentView> GetAsync(string organizationId);
}
