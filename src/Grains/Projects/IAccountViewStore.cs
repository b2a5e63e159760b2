using Layers.SocialAccounts;

namespace Layers.Projects;

/// <summary>
/// A project's accounts, one record each, kept by the project's grain: the order they joined, the platform user they
/// belong to, and their partner-facing view (none yet while an account is only claimed). A connect or a change to one
/// account writes its own small record, whatever the project's size.
/// </summary>
public interface IAccountViewStore
{
    /// <summary>Reserves <paramref name="socialAccountId"/> for a platform user (<c>platform:platformUserId</c>); an existing record is kept.</summary>
    Task ClaimAsync(Guid projectId, string socialAccountId, string userKey, long joined, CancellationToken cancellationToken);

    /// <summary>Stores the account's view; <paramref name="joined"/> is taken only by a record that has no place yet.</summary>
    Task UpsertAsync(Guid projectId, SocialAccountView view, long joined, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProjectAccountRecord>> LoadAsync(Guid projectId, CancellationToken cancellationToken);
}

/// <summary>
/// One account of a project as stored: its place in the listing order (none on a record stored before places were
/// kept), its user, and its view once it has one.
/// </summary>
public sealed record ProjectAccountRecord(string SocialAccountId, string UserKey, long? Joined, SocialAccountView? View);

/// <summary>The key of a platform user within a project: one active account per key.</summary>
public static class ProjectAccountKeys
{
    public static string UserKey(string platform, string platformUserId) => $"{platform}:{platformUserId}";

    public static string UserKey(this SocialAccountView view) => UserKey(view.Platform, view.PlatformUserId);
}
