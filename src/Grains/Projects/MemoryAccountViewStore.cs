using System.Collections.Concurrent;
using Layers.SocialAccounts;

namespace Layers.Projects;

/// <summary>The project accounts of trial mode, in memory.</summary>
public sealed class MemoryAccountViewStore : IAccountViewStore
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, ProjectAccountRecord>> _projects = new();

    public Task ClaimAsync(Guid projectId, string socialAccountId, string userKey, long joined, CancellationToken cancellationToken)
    {
        Accounts(projectId).TryAdd(socialAccountId, new ProjectAccountRecord(socialAccountId, userKey, joined, null));
        return Task.CompletedTask;
    }

    public Task UpsertAsync(Guid projectId, SocialAccountView view, long joined, CancellationToken cancellationToken)
    {
        Accounts(projectId).AddOrUpdate(view.SocialAccountId,
            static (id, arg) => new ProjectAccountRecord(id, arg.View.UserKey(), arg.Joined, arg.View),
            static (_, current, arg) => current with { UserKey = arg.View.UserKey(), View = arg.View },
            (View: view, Joined: joined));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ProjectAccountRecord>> LoadAsync(Guid projectId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProjectAccountRecord>>(_projects.TryGetValue(projectId, out var accounts) ? [.. accounts.Values] : []);

    private ConcurrentDictionary<string, ProjectAccountRecord> Accounts(Guid projectId) =>
        _projects.GetOrAdd(projectId, _ => new(StringComparer.Ordinal));
}
