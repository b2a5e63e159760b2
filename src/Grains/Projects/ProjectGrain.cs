using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Layers.Common;
using Layers.SocialAccounts;

namespace Layers.Projects;

internal sealed class ProjectGrain(
    [PersistentState("project", StorageNames.Layers)] IPersistentState<ProjectState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    IAccountViewStore accountViews) : Grain, IProjectGrain
{
    /// <summary>Keeps the catalogue bounded: one project holds at most this many lease requests.</summary>
    public const int MaxLeaseRequests = 1000;

    /// <summary>The accounts' views (their records are in <see cref="IAccountViewStore"/>) and each one's JSON once asked for.</summary>
    private readonly Dictionary<string, SocialAccountView> _views = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _accountJson = new(StringComparer.Ordinal);

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

        if (S.AccountViews.Count > 0)
        {
            // A state from before the views had records of their own: they move there once.
            foreach (var view in S.AccountViews.Values.Where(v => !_views.ContainsKey(v.SocialAccountId)))
            {
                await accountViews.UpsertAsync(this.GetPrimaryKey(), view, cancellationToken);
                _views[view.SocialAccountId] = view;
            }

            S.AccountViews.Clear();
            await state.WriteStateAsync(cancellationToken);
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

        S.Status = patch.Status ?? S.Status;
        S.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return Info();
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
        _accountJson.Remove(view.SocialAccountId);

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

    public Task<Page<string>> ListAccountsJsonAsync(string organizationId, AccountListFilter filter, string? cursor, int limit)
    {
        if (!IsVisibleTo(organizationId))
        {
            throw LayersException.NotFound("project");
        }

        var views = S.AccountIds.Select(id => _views.GetValueOrDefault(id)).ToList();
        var page = Cursor.PageNewestFirst(views, cursor, limit, view => view is not null
            && (filter.Platform is null || view.Platform == filter.Platform)
            && (filter.Leased is null || view.Leased == filter.Leased)
            && (filter.Statuses is { Count: > 0 } statuses ? statuses.Contains(view.Status) : view.Status != SocialAccountStatus.Disconnected));
        return Task.FromResult(new Page<string>([.. page.Items.OfType<SocialAccountView>().Select(Json)], page.NextCursor));
    }

    private string Json(SocialAccountView view)
    {
        if (!_accountJson.TryGetValue(view.SocialAccountId, out var json))
        {
            json = JsonSerializer.Serialize(view, WireJson.Options);
            _accountJson[view.SocialAccountId] = json;
        }

        return json;
    }

    private bool IsVisibleTo(string organizationId) => state.RecordExists && S.OrganizationId == organizationId;

    private ProjectInfo Info() =>
        new(this.GetPrimaryKey(), S.OrganizationId!, S.Name, S.Timezone, S.CustomerExternalId, S.Status, S.CreatedAt, S.UpdatedAt);
}
