using System.Globalization;
using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Api.SocialAccounts;
using Layers.Api.OpenApi;
using Layers.Common;
using Layers.Leasing;
using Layers.Security;
using Layers.SocialAccounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Layers.Api.Leasing;

/// <summary>The operators' side of leasing: the warmed pool and the review of lease requests across organizations.</summary>
public static class LeasingAdminApi
{
    /// <summary>Review cursors hold a month and a position in it: yyyyMM × this + position.</summary>
    private const long MonthStride = 10_000_000;

    private const int FromMonthEnd = (int)(MonthStride - 1);

    public static RouteGroupBuilder MapLeasingAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/v1/admin").RequireOperator().WithTags("Operator");
        admin.MapPost("/leased-pool", AddPoolAccountAsync).ProducesErrors(409, 422)
            .WithSummary("Adds a warmed account to the pool. Its credentials are stored encrypted and never returned.")
            .WithName("addPoolAccount");
        admin.MapGet("/leased-pool", ListPoolAsync).ProducesErrors(422)
            .WithQuery("status", "Only pool accounts in this state.", OpenApiSetup.QueryType.String, "available", "bound")
            .WithQuery("vertical", "Only accounts of this niche vertical.")
            .WithPaging(50, 200)
            .Describe("listPoolAccounts", "Lists the warmed pool", "Credentials are never returned.");
        admin.MapGet("/leased-pool/{poolAccountId}", GetPoolAccountAsync).ProducesErrors(404)
            .Describe("getPoolAccount", "Gets a pool account");
        admin.MapGet("/lease-requests", ListRequestsAsync).ProducesErrors(422)
            .WithSummary("Lease requests of every organization, newest first; status=requested is the review queue.")
            .WithName("listAllLeaseRequests")
            .WithQuery("status", "Only requests in this state.", OpenApiSetup.QueryType.String, "requested", "assigned", "partial", "rejected")
            .WithPaging(50, 200);
        admin.MapGet("/lease-requests/{requestId}", GetRequestAsync).ProducesErrors(404)
            .Describe("reviewLeaseRequest", "Gets any organization's lease request");
        admin.MapPost("/lease-requests/{requestId}/assign", AssignAsync).ProducesErrors(402, 404, 409, 422)
            .WithSummary("Assigns pool accounts and charges the first month of each, all or nothing.")
            .WithName("assignLeaseRequest")
            .WithDescription("`{accounts: [{poolAccountId, monthlyPriceCents?}]}` → `assigned` (as many as requested) or `partial`. A wallet that cannot pay every first month is `402 INSUFFICIENT_FUNDS` and nothing is assigned; a decided request is `409`.");
        admin.MapPost("/lease-requests/{requestId}/reject", RejectAsync).ProducesErrors(404, 409, 422)
            .Describe("rejectLeaseRequest", "Rejects a lease request", "`{reason}`. A decided request is `409`.");
        return admin;
    }

    /// <param name="body">The warmed account and its credentials.</param>
    /// <returns>The pool account (`status: available`).</returns>
    public static async Task<Created<PoolAccountView>> AddPoolAccountAsync(
        AddPoolAccountBody body, IGrainFactory grains, ISecretProtector protector, [FromKeyedServices(LayersTime.Key)] TimeProvider time)
    {
        var validator = new Validator();
        var platform = SocialRules.Platform(body.Platform, validator);
        var handle = validator.Text(body.Handle, "handle", 100, required: true);
        var displayName = LeasingRules.Optional(validator.Text(body.DisplayName, "displayName", 200, minLength: 0));
        var platformUserId = validator.Text(body.PlatformUserId, "platformUserId", 200, required: true);
        var niche = LeasingRules.Niche(body.Niche, validator);
        var credentials = body.Credentials;
        IReadOnlyList<string>? scopes = null;
        if (credentials is null)
        {
            validator.Add("credentials", "Required: accessToken, refreshToken, expiresIn, refreshExpiresIn, scopes.");
        }
        else
        {
            validator.Check(credentials.AccessToken is { Length: > 0 and <= 4096 }, "credentials.accessToken", "Required, at most 4096 characters.");
            validator.Check(credentials.RefreshToken is { Length: > 0 and <= 4096 }, "credentials.refreshToken", "Required, at most 4096 characters.");
            validator.Check(credentials.ExpiresIn is > 0 and <= 31_536_000 * 10L, "credentials.expiresIn", "Required: seconds the access token is valid for.");
            validator.Check(credentials.RefreshExpiresIn is > 0 and <= 31_536_000 * 10L, "credentials.refreshExpiresIn", "Required: seconds the refresh token is valid for.");
            validator.Check(credentials.Scopes is not null, "credentials.scopes", "Required: the scopes the tokens were granted.");
            scopes = SocialRules.Scopes(credentials.Scopes, validator);
        }

        validator.ThrowIfInvalid();
        if (platform != PlatformNames.TikTok)
        {
            throw LayersException.WithDetails(ErrorKind.PlatformNotSupported, "Leased accounts are TikTok accounts only.", new { platform = body.Platform });
        }

        var id = Ids.New(LeaseKeys.PoolAccountPrefix, time);
        var sealedCredentials = PoolCredentials.Seal(
            protector, id, credentials!.AccessToken!, credentials.ExpiresIn!.Value, credentials.RefreshToken!, credentials.RefreshExpiresIn!.Value, time.GetUtcNow());
        var account = await Pool(grains).AddAsync(new PoolAccountDraft(
            id, platform, handle!, displayName, platformUserId!, niche!, scopes ?? [], sealedCredentials));
        return TypedResults.Created($"/v1/admin/leased-pool/{account.Id}", account);
    }

    /// <returns>A page of pool accounts.</returns>
    public static async Task<Ok<PageResponse<PoolAccountView>>> ListPoolAsync(HttpRequest request, IGrainFactory grains)
    {
        var paging = Paging.From(request, 50, 200);
        var validator = new Validator();
        var status = request.Query["status"].ToString() is { Length: > 0 } s ? s : null;
        validator.Check(status is null || PoolAccountStatus.All.Contains(status), "status", "One of available, bound.");
        var vertical = request.Query["vertical"].ToString().Trim() is { Length: > 0 } v ? v : null;
        validator.Check(vertical is null || vertical.Length <= LeasingRules.MaxVerticalLength, "vertical", $"At most {LeasingRules.MaxVerticalLength} characters.");
        validator.ThrowIfInvalid();
        var page = await Pool(grains).ListAsync(new PoolAccountFilter(status, vertical), paging.Cursor, paging.Limit);
        return TypedResults.Ok(new PageResponse<PoolAccountView>(page.Items, page.NextCursor));
    }

    /// <returns>The pool account.</returns>
    public static async Task<Ok<PoolAccountView>> GetPoolAccountAsync(string poolAccountId, IGrainFactory grains) =>
        Ids.IsWellFormed(poolAccountId, LeaseKeys.PoolAccountPrefix)
            ? TypedResults.Ok(await Pool(grains).GetAsync(poolAccountId))
            : throw LayersException.NotFound("pool account");

    /// <returns>A page of lease requests, newest first.</returns>
    public static async Task<Ok<PageResponse<OperatorLeaseRequest>>> ListRequestsAsync(HttpRequest request, IGrainFactory grains)
    {
        var paging = Paging.From(request, 50, 200);
        var status = request.Query["status"].ToString() is { Length: > 0 } s ? s : null;
        if (status is not null && !LeaseRequestStatus.All.Contains(status))
        {
            throw LayersException.Validation("status", "One of requested, assigned, partial, rejected.");
        }

        string? fromMonth = null;
        int? before = null;
        if (paging.Cursor is not null)
        {
            var position = Cursor.Decode(paging.Cursor);
            fromMonth = (position / MonthStride).ToString("D6", CultureInfo.InvariantCulture);
            before = (int)(position % MonthStride);
        }

        // Months newest first; each month's index lists its requests newest first.
        var months = await grains.GetGrain<ILeaseReviewCatalogGrain>(LeaseKeys.ReviewCatalog).ListMonthsAsync();
        var items = new List<LeaseReviewEntry>();
        string? next = null;
        foreach (var month in months.Where(m => fromMonth is null || string.CompareOrdinal(m, fromMonth) <= 0))
        {
            if (items.Count == paging.Limit)
            {
                next = Position(month, FromMonthEnd);
                break;
            }

            var slice = await grains.GetGrain<ILeaseReviewIndexGrain>(LeaseKeys.ReviewIndex(month))
                .ListAsync(status, month == fromMonth ? before : null, paging.Limit - items.Count);
            items.AddRange(slice.Items);
            if (items.Count == paging.Limit && slice.Before is { } rest)
            {
                next = Position(month, rest);
                break;
            }
        }

        return TypedResults.Ok(new PageResponse<OperatorLeaseRequest>([.. items.Select(OperatorLeaseRequest.From)], next));
    }

    /// <returns>The lease request.</returns>
    public static async Task<Ok<OperatorLeaseRequest>> GetRequestAsync(string requestId, IGrainFactory grains) =>
        TypedResults.Ok(OperatorLeaseRequest.From(await LeasingApi.Request(grains, requestId).ReviewAsync()));

    /// <param name="body">The pool accounts to assign.</param>
    /// <returns>The request, `assigned` or `partial`, with its new leased accounts.</returns>
    public static async Task<Ok<OperatorLeaseRequest>> AssignAsync(string requestId, AssignLeaseBody body, IGrainFactory grains)
    {
        var request = LeasingApi.Request(grains, requestId);
        var validator = new Validator();
        var picks = new List<LeasePick>();
        if (body.Accounts is not { Count: > 0 })
        {
            validator.Add("accounts", "Required: 1 to 50 pool accounts.");
        }
        else
        {
            validator.Check(body.Accounts.Count <= LeaseTerms.MaxAccountsPerRequest, "accounts", "At most 50 pool accounts.");
            for (var i = 0; i < body.Accounts.Count; i++)
            {
                var pick = body.Accounts[i];
                var poolAccountId = pick?.PoolAccountId;
                if (poolAccountId is null)
                {
                    validator.Add($"accounts[{i}].poolAccountId", "Required.");
                }
                else if (!Ids.IsWellFormed(poolAccountId, LeaseKeys.PoolAccountPrefix))
                {
                    validator.Add($"accounts[{i}].poolAccountId", "No such pool account.");
                }
                else if (picks.Any(p => p.PoolAccountId == poolAccountId))
                {
                    validator.Add($"accounts[{i}].poolAccountId", "Listed twice.");
                }

                validator.Check(pick?.MonthlyPriceCents is null or (> 0 and <= LeaseTerms.MaxMonthlyPriceCents), $"accounts[{i}].monthlyPriceCents",
                    $"A positive whole number of cents up to {LeaseTerms.MaxMonthlyPriceCents}.");
                if (poolAccountId is not null)
                {
                    picks.Add(new LeasePick(poolAccountId, pick!.MonthlyPriceCents));
                }
            }
        }

        validator.ThrowIfInvalid();
        return TypedResults.Ok(OperatorLeaseRequest.From(await request.AssignAsync(picks)));
    }

    /// <param name="body">Why the request is rejected.</param>
    /// <returns>The request, `rejected`.</returns>
    public static async Task<Ok<OperatorLeaseRequest>> RejectAsync(string requestId, RejectLeaseBody body, IGrainFactory grains)
    {
        var request = LeasingApi.Request(grains, requestId);
        var validator = new Validator();
        var reason = validator.Text(body.Reason, "reason", LeasingRules.MaxReasonLength, required: true);
        validator.ThrowIfInvalid();
        return TypedResults.Ok(OperatorLeaseRequest.From(await request.RejectAsync(reason!)));
    }

    private static ILeasedPoolGrain Pool(IGrainFactory grains) => grains.GetGrain<ILeasedPoolGrain>(LeaseKeys.Pool(PlatformNames.TikTok));

    private static string Position(string month, int before) =>
        Cursor.Encode((long.Parse(month, CultureInfo.InvariantCulture) * MonthStride) + before);
}
