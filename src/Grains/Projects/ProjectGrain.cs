using Microsoft.Extensions.DependencyInjection;
using Layers.Common;
using Layers.Publishing;
using Layers.SocialAccounts;

namespace Layers.Projects;

internal sealed class ProjectGrain(
    [PersistentState("project", StorageNames.Layers)] IPersistentState<ProjectState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    IAccountViewStore accountViews,
    IPostReadModel posts) : Grain, IProjectGrain, IRemindable
{
    private const string ArchiveReminder = "archive";
    private const int DrainPage = 100;

    /// <summary>Keeps the catalogue bounded: one project holds at most this many lease requests.</summary>
    public const int MaxLeaseRequests = 1000;

    /// <summary>How many listing pages are kept between changes (filters × cursors a partner asks for).</summary>
    private const int MaxPages = 64;

    /// <summary>The accounts' views (their records are in <see cref="IAccountViewStore"/>).</summary>
    private readonly Dictionary<string, SocialAccountView> _views = new(StringComparer.Ordinal);

    /// <summary>Listing pages as answered, by filter, cursor and limit; any change to the accounts drops them all.</summary>
    private readonly Dictionary<string, Page<SocialAccountView>> _pages = new(StringComparer.Ordinal);

    private ProjectState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return;
        }

        foreach (var view in await accountViews.LoadAsync(this.GetPrimaryKey(), cancellationToken))
        {
            _views[view.SocialAccountId] = view;
        }
    }

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

        var archiving = patch.Status == ProjectStatus.Archived;
        S.Status = patch.Status ?? S.Status;
        S.UpdatedAt = time.GetUtcNow();
        S.ArchiveDrainPending |= archiving;
        await state.WriteStateAsync();
        if (S.ArchiveDrainPending)
        {
            // State first: the reminder finishes the drain should this activation die before it ends.
            await this.RegisterOrUpdateReminder(ArchiveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            await DrainArchivedAsync();
        }

        return Info();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.RecordExists && S.ArchiveDrainPending)
        {
            await DrainArchivedAsync();
        }
        else if (await this.GetReminder(ArchiveReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Archiving cancels the project's queued posts (a post that started publishing meanwhile goes on).</summary>
    private async Task DrainArchivedAsync()
    {
        var query = new PostQuery([ScheduledPostStatus.Queued], null, null, null);
        string? after = null;
        do
        {
            var page = await posts.ListAsync(this.GetPrimaryKey(), query, after, DrainPage, CancellationToken.None);
            await Task.WhenAll(page.Items.Select(async post =>
            {
                try
                {
                    await GrainFactory.GetGrain<IScheduledPostGrain>(post.Id).CancelAsync(S.OrganizationId!, "project_archived");
                }
                catch (LayersException e) when (e.Code == ErrorKind.Conflict)
                {
                    // It left the queue meanwhile (handed off, canceled).
                }
            }));
            after = page.NextCursor;
        }
        while (after is not null);

        S.ArchiveDrainPending = false;
        await state.WriteStateAsync();
        if (await this.GetReminder(ArchiveReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<string> ClaimAccountAsync(string platform, string platformUserId, string proposedId)
    {
        var userKey = $"{platform}:{platformUserId}";
        if (S.ActiveAccountsByUser.TryGetValue(userKey, out var existing))
        {
            return existing;
        }

        S.ActiveAccountsByUser[userKey] = proposedId;
        if (!S.AccountIds.Contains(proposedId))
        {
            _pages.Clear();
            S.AccountIds.Add(proposedId);
        }

        await state.WriteStateAsync();
        return proposedId;
    }

    /// <summary>Stores the account's view as its own record; the project's state is written only when its index changes.</summary>
    public async Task UpsertAccountViewAsync(SocialAccountView view)
    {
        if (_views.TryGetValue(view.SocialAccountId, out var current) && SameView(current, view))
        {
            return;
        }

        await accountViews.UpsertAsync(this.GetPrimaryKey(), view, CancellationToken.None);
        _views[view.SocialAccountId] = view;
        _pages.Clear();

        var indexChanged = false;
        if (!S.AccountIds.Contains(view.SocialAccountId))
        {
            S.AccountIds.Add(view.SocialAccountId);
            indexChanged = true;
        }

        var userKey = $"{view.Platform}:{view.PlatformUserId}";
        if (view.Status == SocialAccountStatus.Disconnected)
        {
            // A revoked account stays listed but is never revived: the user's next connection is a new account.
            if (S.ActiveAccountsByUser.TryGetValue(userKey, out var active) && active == view.SocialAccountId)
            {
                S.ActiveAccountsByUser.Remove(userKey);
                indexChanged = true;
            }
        }
        else if (!S.ActiveAccountsByUser.TryGetValue(userKey, out var active) || active != view.SocialAccountId)
        {
            S.ActiveAccountsByUser[userKey] = view.SocialAccountId;
            indexChanged = true;
        }

        if (indexChanged)
        {
            await state.WriteStateAsync();
        }
    }

    private static bool SameView(SocialAccountView a, SocialAccountView b) =>
        a with { Scopes = b.Scopes } == b && a.Scopes.SequenceEqual(b.Scopes, StringComparer.Ordinal);

    public async Task AddLeaseRequestAsync(string organizationId, string leaseRequestId)
    {
        if (!IsVisibleTo(organizationId))
        {
            throw LayersException.NotFound("project");
        }

        if (S.LeaseRequestIds.Contains(leaseRequestId))
        {
            return;
        }

        if (S.Status != ProjectStatus.Active)
        {
            throw LayersException.Conflict("The project is archived.");
        }

        if (S.LeaseRequestIds.Count >= MaxLeaseRequests)
        {
            throw LayersException.Conflict($"The project has reached {MaxLeaseRequests} lease requests; use another project.");
        }

        S.LeaseRequestIds.Add(leaseRequestId);
        await state.WriteStateAsync();
    }

    public Task<Page<string>> ListLeaseRequestIdsAsync(string organizationId, string? cursor, int limit) =>
        Task.FromResult(IsVisibleTo(organizationId)
            ? Cursor.PageNewestFirst(S.LeaseRequestIds, cursor, limit)
            : throw LayersException.NotFound("project"));

    public Task<Page<SocialAccountView>> ListAccountsPageAsync(string organizationId, AccountListFilter filter, string? cursor, int limit)
    {
        if (!IsVisibleTo(organizationId))
        {
            throw LayersException.NotFound("project");
        }

        var key = string.Join('|', filter.Platform, filter.Leased, filter.Statuses is { } statuses ? string.Join(',', statuses.Order(StringComparer.Ordinal)) : null, cursor, limit);
        if (!_pages.TryGetValue(key, out var page))
        {
            page = FindPage(filter, cursor, limit);
            if (_pages.Count >= MaxPages)
            {
                _pages.Clear();
            }

            _pages[key] = page;
        }

        return Task.FromResult(page);
    }

    private Page<SocialAccountView> FindPage(AccountListFilter filter, string? cursor, int limit)
    {
        var views = S.AccountIds.Select(id => _views.GetValueOrDefault(id)).ToList();
        var page = Cursor.PageNewestFirst(views, cursor, limit, view => view is not null
            && (filter.Platform is null || view.Platform == filter.Platform)
            && (filter.Leased is null || view.Leased == filter.Leased)
            && (filter.Statuses is { Count: > 0 } statuses ? statuses.Contains(view.Status) : view.Status != SocialAccountStatus.Disconnected));
        return new Page<SocialAccountView>([.. page.Items.OfType<SocialAccountView>()], page.NextCursor);
    }

    private bool IsVisibleTo(string organizationId) => state.RecordExists && S.OrganizationId == organizationId;

    private ProjectInfo Info() =>
        new(this.GetPrimaryKey(), S.OrganizationId!, S.Name, S.Timezone, S.CustomerExternalId, S.Status, S.CreatedAt, S.UpdatedAt);
}
