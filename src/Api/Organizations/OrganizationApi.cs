using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Api.OpenApi;
using Layers.Common;
using Layers.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Layers.Api.Organizations;

/// <summary>The caller's own organization: who am I, and the wallet.</summary>
public static class OrganizationApi
{
    public static IEndpointRouteBuilder MapOrganizationApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/whoami", WhoAmIAsync).RequireAnyKey().WithTags("Organization")
            .Describe("whoAmI", "Describes the calling key and its organization",
                "`{organizationId, organizationName, apiKeyId, scopes, rateLimitTier, walletBalanceCents}`.");
        var wallet = routes.MapGroup("/v1/wallet").RequireAnyReadScope().WithTags("Wallet");
        wallet.MapGet("", GetWalletAsync)
            .Describe("getWallet", "The organization's wallet", "`{organizationId, balanceCents, currency: \"USD\"}`. Lease charges are paid from it.");
        wallet.MapGet("/transactions", ListTransactionsAsync).ProducesErrors(422).WithPaging(50, 200)
            .Describe("listWalletTransactions", "The wallet's ledger, newest first",
                "Credits, lease charges (negative `amountCents`) and adjustments, each with the balance after it; lease charges name the account and the period they pay for.");
        return routes;
    }

    /// <returns>The calling key and its organization.</returns>
    public static async Task<Ok<WhoAmIResponse>> WhoAmIAsync(Caller caller, IGrainFactory grains)
    {
        var org = await Organization(grains, caller);
        return TypedResults.Ok(new WhoAmIResponse(org.Id, org.Name, caller.Key.Id, caller.Key.Scopes, caller.Key.RateLimitTier, org.WalletBalanceCents));
    }

    /// <returns>The organization's wallet.</returns>
    public static async Task<Ok<WalletResponse>> GetWalletAsync(Caller caller, IGrainFactory grains)
    {
        var org = await Organization(grains, caller);
        return TypedResults.Ok(new WalletResponse(org.Id, org.WalletBalanceCents, "USD"));
    }

    /// <returns>A page of ledger entries, newest first.</returns>
    public static async Task<Ok<PageResponse<WalletTransaction>>> ListTransactionsAsync(Caller caller, HttpRequest request, IGrainFactory grains)
    {
        var paging = Paging.From(request, 50, 200);
        var page = await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).ListTransactionsAsync(paging.Cursor, paging.Limit);
        return TypedResults.Ok(new PageResponse<WalletTransaction>(page.Items, page.NextCursor));
    }

    private static async Task<OrganizationInfo> Organization(IGrainFactory grains, Caller caller) =>
        await grains.GetGrain<IOrganizationGrain>(caller.OrganizationId).GetAsync() ?? throw LayersException.NotFound("organization");
}
