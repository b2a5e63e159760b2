using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Api.Projects;
using Layers.Api.SocialAccounts;
using Layers.Api.OpenApi;
using Layers.ApiKeys;
using Layers.Common;
using Layers.Leasing;
using Layers.Projects;
using Layers.SocialAccounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Layers.Api.Leasing;

/// <summary>Leased accounts (API.md §4): requests, the project's leased accounts, release; and the operators' side.</summary>
public static class LeasingApi
{
    public static IEndpointRouteBuilder MapLeasingApi(this IEndpointRouteBuilder routes)
    {
        var leasing = routes.MapGroup("/v1").WithTags("Leased accounts");
        leasing.MapPost("/projects/{projectId}/leased-accounts/request", RequestAsync)
            .RequireScope(Scopes.LeasedWrite).ProducesErrors(404, 409, 422)
            .WithSummary("Requests leased TikTok accounts. A client requestId makes the call safe to repeat.")
            .WithName("requestLeasedAccounts")
            .WithDescription("`{projectId, count (1–50), niche: {vertical, audience?, language?, geo?}, target?, note?, requestId?}` → `202 {requestId, status: \"requested\", submittedAt}`. " +
                "A body `projectId` other than the path's is `422`; a known `requestId` with a different body is `409 IDEMPOTENCY_CONFLICT`.");
        leasing.MapGet("/projects/{projectId}/leased-accounts/requests", ListRequestsAsync)
            .RequireScope(Scopes.SocialRead).ProducesErrors(404, 422).WithPaging(25, 100)
            .Describe("listLeaseRequests", "Lists a project's lease requests", "Newest first.");
        leasing.MapGet("/projects/{projectId}/leased-accounts/requests/{requestId}", GetRequestAsync)
            .RequireScope(Scopes.SocialRead).ProducesErrors(404)
            .Describe("getLeaseRequest", "Gets a lease request",
                "`status: requested|assigned|partial|rejected`, with the assigned account ids or the rejection reason.");
        leasing.MapGet("/projects/{projectId}/leased-accounts", ListAccountsAsync)
            .RequireScope(Scopes.SocialRead).ProducesErrors(404, 422)
            .Produces<PageResponse<SocialAccountView>>()
            .WithSummary("The project's leased accounts; status=assigned (default) or disconnected.")
            .WithName("listLeasedAccounts")
            .WithQuery("status", "`assigned` (connected or reauth_required) or `disconnected`.", OpenApiSetup.QueryType.String, "assigned", "disconnected")
            .WithPaging(50, 200);
        leasing.MapDelete("/leased-accounts/{socialAccountId}", ReleaseAsync)
            .RequireScope(Scopes.LeasedWrite).ProducesErrors(404, 409, 422)
            .WithSummary("Releases a leased account: back to the pool, no further renewals, the current month is not refunded.")
            .WithName("releaseLeasedAccount")
            .WithDescription("`{reason?}`. Same effects as a revoke: queued posts are canceled. A connected (not leased) account is `409 CONFLICT`.");
        routes.MapLeasingAdminApi();
        return routes;
    }

    /// <param name="body">How many accounts, for which niche.</param>
    /// <returns>The request was received and waits for review.</returns>
    public static async Task<Accepted<LeaseRequestAccepted>> RequestAsync(
        string projectId, LeaseRequestBody body, Caller caller, IGrainFactory grains, [FromKeyedServices(LayersTime.Key)] TimeProvider time)
    {
        var project = ProjectRules.ParseId(projectId);
        await grains.GetGrain<IProjectGrain>(project).GetAsync(caller.OrganizationId);

        var validator = new Validator();
        if (body.ProjectId is null)
        {
            validator.Add("projectId", "Required: the project id of the path.");
        }
        else
        {
            validator.Check(Guid.TryParse(body.ProjectId, out var bodyProject) && bodyProject == project, "projectId", "Must equal the project id in the path.");
        }

        validator.Check(body.Count is >= 1 and <= LeaseTerms.MaxAccountsPerRequest, "count",
            body.Count is null ? "Required: how many accounts, 1–50." : "Must be from 1 to 50.");
        var niche = LeasingRules.Niche(body.Niche, validator);
        var target = LeasingRules.Optional(validator.Text(body.Target, "target", LeasingRules.MaxTargetLength, minLength: 0));
        var note = LeasingRules.Optional(validator.Text(body.Note, "note", LeasingRules.MaxNoteLength, minLength: 0));
        validator.Check(body.RequestId is null || Ids.IsWellFormed(body.RequestId, LeaseKeys.RequestPrefix), "requestId",
            "Must be lreq_ followed by a 26-character ULID, or left out.");
        validator.ThrowIfInvalid();

        var requestId = body.RequestId ?? Ids.New(LeaseKeys.RequestPrefix, time);
        var request = await grains.GetGrain<ILeaseRequestGrain>(requestId).SubmitAsync(
            new LeaseRequestDraft(caller.OrganizationId, project, body.Count!.Value, niche!, target, note));
        return TypedResults.Accepted(
            $"/v1/projects/{project}/leased-accounts/requests/{request.RequestId}",
            new LeaseRequestAccepted(request.RequestId, request.Status, request.SubmittedAt));
    }

    /// <returns>The lease request.</returns>
    public static async Task<Ok<LeaseRequestView>> GetRequestAsync(string projectId, string requestId, Caller caller, IGrainFactory grains)
    {
        var project = ProjectRules.ParseId(projectId);
        var request = await Request(grains, requestId).GetAsync(caller.OrganizationId);
        return request.ProjectId == project ? TypedResults.Ok(request) : throw LayersException.NotFound("lease request");
    }

    /// <returns>A page of the project's lease requests, newest first.</returns>
    public static async Task<Ok<PageResponse<LeaseRequestView>>> ListRequestsAsync(string projectId, Caller caller, HttpRequest request, IGrainFactory grains)
    {
        var project = grains.GetGrain<IProjectGrain>(ProjectRules.ParseId(projectId));
        var paging = Paging.From(request, 25, 100);
        var ids = await project.ListLeaseRequestIdsAsync(caller.OrganizationId, paging.Cursor, paging.Limit);
        var requests = await Task.WhenAll(ids.Items.Select(id => grains.GetGrain<ILeaseRequestGrain>(id).FindAsync(caller.OrganizationId)));
        return TypedResults.Ok(new PageResponse<LeaseRequestView>([.. requests.OfType<LeaseRequestView>()], ids.NextCursor));
    }

    /// <returns>A page of the project's leased accounts.</returns>
    public static async Task<AccountPageResult> ListAccountsAsync(string projectId, Caller caller, HttpRequest request, GrainReferences grains)
    {
        var project = grains.Get<IProjectGrain>(ProjectRules.ParseId(projectId));
        var paging = Paging.From(request, 50, 200);
        IReadOnlyList<string>? statuses = request.Query["status"].ToString() switch
        {
            "" => null,
            "assigned" => [SocialAccountStatus.Connected, SocialAccountStatus.ReauthRequired],
            "disconnected" => [SocialAccountStatus.Disconnected],
            _ => throw LayersException.Validation("status", "One of assigned, disconnected."),
        };

        return new AccountPageResult(await project.ListAccountsPageAsync(caller.OrganizationId, new AccountListFilter(null, statuses, true), paging.Cursor, paging.Limit));
    }

    /// <param name="body">Optionally, why the account is released.</param>
    /// <returns>The account is released: back to the pool, no further renewals, no refund.</returns>
    public static async Task<Ok<RevokeResult>> ReleaseAsync(
        string socialAccountId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReleaseLeaseBody? body, Caller caller, IGrainFactory grains)
    {
        var account = grains.GetGrain<ISocialAccountGrain>(SocialRules.AccountId(socialAccountId));
        var validator = new Validator();
        var reason = LeasingRules.Optional(validator.Text(body?.Reason, "reason", LeasingRules.MaxReasonLength, minLength: 0));
        validator.ThrowIfInvalid();
        return TypedResults.Ok(await account.ReleaseLeaseAsync(caller.OrganizationId, reason));
    }

    internal static ILeaseRequestGrain Request(IGrainFactory grains, string requestId) =>
        Ids.IsWellFormed(requestId, LeaseKeys.RequestPrefix)
            ? grains.GetGrain<ILeaseRequestGrain>(requestId)
            : throw LayersException.NotFound("lease request");
}
