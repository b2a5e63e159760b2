using System.Collections.Concurrent;
using Layers.SocialAccounts;

namespace Layers.Projects;

/// <summary>The account views of trial mode, in memory.</summary>
public sealed class MemoryAccountViewStore : IAccountViewStore
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, SocialAccountView>> _projects = new();

    public Task UpsertAsync(Guid projectId, SocialAccountView view, CancellationToken cancellationToken)
    {
        _projects.GetOrAdd(projectId, _ => new(StringComparer.Ordinal))[view.SocialAccountId] = view;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SocialAccountView>> LoadAsync(Guid projectId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SocialAccountView>>(_projects.TryGetValue(projectId, out var views) ? [.. views.Values] : []);
}
