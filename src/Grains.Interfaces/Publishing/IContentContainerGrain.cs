namespace Layers.Publishing;

/// <summary>
/// An uploaded content container (<c>cnt_…</c>): caption and assets, written once. Its media are read after it is
/// created (<c>validating</c>), and it settles as <c>completed</c> or <c>failed</c>.
/// </summary>
[Alias("Layers.IContentContainerGrain")]
public interface IContentContainerGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<ContentView> CreateAsync(string organizationId, Guid projectId, ContentDraft draft);

    /// <summary>The container, or NotFound for an unknown id or another organization's.</summary>
    [Alias("Get")]
    Task<ContentView> GetAsync(string organizationId);

    /// <summary>The container once its media check has finished: a hand-off of a post made while it was validating waits for it.</summary>
    [Alias("Settle")]
    Task<ContentView> SettleAsync(string organizationId);
}
