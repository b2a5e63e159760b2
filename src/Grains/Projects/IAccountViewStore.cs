using Layers.SocialAccounts;

namespace Layers.Projects;

/// <summary>The views of a project's accounts, one record each, kept by the project's grain.</summary>
public interface IAccountViewStore
{
    Task UpsertAsync(Guid projectId, SocialAccountView view, CancellationToken cancellationToken);

    Task<IReadOnlyList<SocialAccountView>> LoadAsync(Guid projectId, CancellationToken cancellationToken);
}
