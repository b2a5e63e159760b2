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

    /// <summary>Account ids in the order they joined the project (the listing's order).</summary>
    private readonly List<string> _accountIds = [];

    /// <summary>Where each account stands in <see cref="_accountIds"/>.</summary>
    private readonly Dictionary<string, int> _joined = new(StringComparer.Ordinal);

    /// <summary>"platform:platformUserId" → id of that user's active account in this project.</summary>
    private readonly Dictionary<string, string> _activeByUser = new(StringComparer.Ordinal);

    /// <summary>Listing pages as answered, by filter, cursor and limit; any change to the accounts drops them all.</summary>
    private readonly Dictionary<string, Page<SocialAccountView>> _pages = new(StringComparer.Ordinal);

    private ProjectState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return;
        }

        var records = await accountViews.LoadAsync(this.GetPrimaryKey(), cancellationToken);
        foreach (var record in records.OrderBy(r => r.Joined ?? long.MaxValue))
        {
            if (record.Joined is not null)
            {
                Join(record.SocialAccountId);
            }

            if (record.View is { } view)
            {
                _views[view.SocialAccountId] = view;
            }

            if (record.View?.Status != SocialAccountStatus.Disconnected)
            {
                // Claimed (no view yet) or live: the user's active account; a later one takes over.
                _activeByUser[record.UserKey] = record.SocialAccountId;
            }
        }

        if (S.AccountIds.Count > 0 || S.ActiveAccountsByUser.Count > 0)
        {
            await MoveIndexOutOfStateAsync(cancellationToken);
        }

        foreach (var record in records.Where(r => !_joined.ContainsKey(r.SocialAccountId)))
        {
            Join(record.SocialAccountId);
        }
    }

    /// <summary>
    /// A project stored before its accounts' places and users became records of their own kept them in its state, which
    /// every connect rewrote whole. They become records (each view keeps its place; a user's claim that has no view yet
    /// becomes a claim record), and the state sheds them.
    /// </summary>
    private async Task MoveIndexOutOfStateAsync(CancellationToken cancellationToken)
    {
        var projectId = this.GetPrimaryKey();
        var userOf = S.ActiveAccountsByUser.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var writes = new List<Task>();
        foreach (var id in S.AccountIds.Concat(S.ActiveAccountsByUser.Values).Distinct(StringComparer.Ordinal).ToList())
        {
            if (_joined.ContainsKey(id))
            {
                continue;
            }

            // Each record carries its own place, so they are written together (one group commit carries hundreds).
            var joined = Join(id);
            if (_views.TryGetValue(id, out var view))
            {
                writes.Add(accountViews.UpsertAsync(projectId, view, joined, cancellationToken));
            }
            else if (userOf.TryGetValue(id, out var userKey))
            {
                writes.Add(accountViews.ClaimAsync(projectId, id, userKey, joined, cancellationToken));
                _activeByUser.TryAdd(userKey, id);
            }
        }

        // The state sheds its index only once every record is stored.
        await Task.WhenAll(writes);
        S.AccountIds.Clear();
        S.ActiveAccountsByUser.Clear();
        await state.WriteStateAsync(cancellationToken);
    }

    /// <summary>The account's place in the listing order: where it stands, or the next one when it has none yet.</summary>
    private int PlaceOf(string socialAccountId) => _joined.TryGetValue(socialAccountId, out var place) ? place : _accountIds.Count;

    /// <summary>Places an account last in the listing order (once); returns its place.</summary>
    private int Join(string socialAccountId)
    {
        if (!_joined.TryGetValue(socialAccountId, out var place))
        {
            place = _accountIds.Count;
            _accountIds.Add(socialAccountId);
            _joined[socialAccountId] = place;
            _pages.Clear();
        }

        return place;
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
        var userKey = ProjectAccountKeys.UserKey(platform, platformUserId);
        if (_activeByUser.TryGetValue(userKey, out var existing))
        {
            return existing;
        }

        // Stored before it is answered: the account is made under this id, and the user's next connect finds it.
        await accountViews.ClaimAsync(this.GetPrimaryKey(), proposedId, userKey, PlaceOf(proposedId), CancellationToken.None);
        Join(proposedId);
        _activeByUser[userKey] = proposedId;
        return proposedId;
    }

    /// <summary>Stores the account's view as its own record (with its place in the listing order, the first time).</summary>
    public async Task UpsertAccountViewAsync(SocialAccountView view)
    {
        if (_views.TryGetValue(view.SocialAccountId, out var current) && SameView(current, view))
        {
            return;
        }

        await accountViews.UpsertAsync(this.GetPrimaryKey(), view, PlaceOf(view.SocialAccountId), CancellationToken.None);
        Join(view.SocialAccountId);
        _views[view.SocialAccountId] = view;
        _pages.Clear();

        var userKey = view.UserKey();
        if (view.Status == SocialAccountStatus.Disconnected)
        {
            // A revoked account stays listed but is never revived: the user's next connection is a new account.
            if (_activeByUser.TryGetValue(userKey, out var active) && active == view.SocialAccountId)
            {
                _activeByUser.Remove(userKey);
            }
        }
        else
        {
            _activeByUser[userKey] = view.SocialAccountId;
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
        var views = _accountIds.Select(id => _views.GetValueOrDefault(id)).ToList();
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
