using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Api.OpenApi;
using Layers.ApiKeys;
using Layers.Common;
using Layers.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Layers.Api.Admin;

/// <summary>The operator (Layers staff) API: organizations, their API keys and wallet credits.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/v1/admin").RequireOperator().WithTags("Operator");
        admin.MapPost("/orgs", CreateOrganizationAsync).ProducesErrors(422)
            .Describe("createOrganization", "Creates an organization", "`{name}` → `201 {id: \"org_…\", name, createdAt}`.");
        admin.MapPost("/orgs/{orgId}/api-keys", CreateApiKeyAsync).WithSealedIdempotency().ProducesErrors(404, 422)
            .Describe("createApiKey", "Issues an API key for an organization",
                "`{name, scopes (default [\"*\"]), allowedReturnDomains, rateLimitTier (standard|pilot|partner, default standard)}` → `201` with the key `lp_live_<keyId>_<secret>`, shown in this answer only; only a hash of the secret is stored.");
        admin.MapPut("/api-keys/{keyId}/allowed-return-domains", SetAllowedReturnDomainsAsync).ProducesErrors(404, 422)
            .Describe("setAllowedReturnDomains", "Replaces a key's return-URL allowlist",
                "Hosts (optionally with a port) that OAuth `returnUrl`s of this key may point at; matched exactly, case-insensitively, without subdomains.");
        admin.MapDelete("/api-keys/{keyId}", RevokeApiKeyAsync).ProducesErrors(404)
            .Describe("revokeApiKey", "Revokes an API key", "Every later request with the key is `401 UNAUTHENTICATED`.");
        admin.MapPost("/orgs/{orgId}/wallet/credits", CreditWalletAsync).ProducesErrors(404, 422)
            .Describe("creditWallet", "Credits an organization's wallet", "`{amountCents, note?}` → `{balanceCents, transaction}`.");
        return admin;
    }

    /// <param name="body">The new organization.</param>
    /// <returns>The organization.</returns>
    public static async Task<Created<OrganizationResponse>> CreateOrganizationAsync(
        CreateOrganizationRequest body, IGrainFactory grains, [FromKeyedServices(LayersTime.Key)] TimeProvider time)
    {
        var validator = new Validator();
        var name = validator.Text(body.Name, "name", 200, required: true);
        validator.ThrowIfInvalid();

        var id = Ids.New(Ids.Organization, time);
        var org = await grains.GetGrain<IOrganizationGrain>(id).CreateAsync(name!);
        return TypedResults.Created($"/v1/admin/orgs/{id}", new OrganizationResponse(org.Id, org.Name, org.CreatedAt));
    }

    /// <param name="body">The new key's name, scopes, return-URL allowlist and tier.</param>
    /// <returns>The key, shown this once.</returns>
    public static async Task<Created<CreatedApiKeyResponse>> CreateApiKeyAsync(
        string orgId, CreateApiKeyRequest body, IGrainFactory grains, [FromKeyedServices(LayersTime.Key)] TimeProvider time)
    {
        var organization = grains.GetGrain<IOrganizationGrain>(Ids.IsWellFormed(orgId, Ids.Organization) ? orgId : throw LayersException.NotFound("organization"));
        if (await organization.GetAsync() is null)
        {
            throw LayersException.NotFound("organization");
        }

        var validator = new Validator();
        var name = validator.Text(body.Name, "name", 200, required: true);
        var scopes = new List<string>();
        if (body.Scopes is null)
        {
            scopes.Add(Scopes.All);
        }
        else
        {
            validator.Check(body.Scopes.Count > 0, "scopes", "At least one scope.");
            for (var i = 0; i < body.Scopes.Count; i++)
            {
                if (body.Scopes[i] is { } scope && Scopes.Known.Contains(scope))
                {
                    if (!scopes.Contains(scope))
                    {
                        scopes.Add(scope);
                    }
                }
                else
                {
                    validator.Add($"scopes[{i}]", $"Unknown scope. Known: {string.Join(", ", Scopes.Known)}.");
                }
            }
        }

        validator.Check(body.AllowedReturnDomains is not null, "allowedReturnDomains", "Required (may be empty).");
        var domains = ReturnDomains.Normalize(body.AllowedReturnDomains, validator, "allowedReturnDomains");
        var tier = body.RateLimitTier ?? RateLimitTier.Standard;
        validator.Check(RateLimitTier.All.Contains(tier), "rateLimitTier", $"One of {string.Join(", ", RateLimitTier.All)}.");
        validator.ThrowIfInvalid();

        var apiKeyId = Ids.New(Ids.ApiKey, time);
        var (keyId, secret, token) = ApiKeyToken.Create();
        if (!await grains.GetGrain<IApiKeyIndexGrain>(ApiKeyToken.IndexKey(keyId)).ClaimAsync(apiKeyId))
        {
            // 80 random bits make this practically impossible; refuse rather than share an id.
            throw new LayersException(ErrorKind.Unavailable, "Could not allocate a key id; retry.");
        }

        var key = await grains.GetGrain<IApiKeyGrain>(apiKeyId).CreateAsync(new ApiKeyDraft(
            orgId, name!, keyId, ApiKeyToken.HashSecret(secret), scopes, domains, tier));
        await organization.AddApiKeyAsync(apiKeyId);
        return TypedResults.Created($"/v1/admin/api-keys/{apiKeyId}", new CreatedApiKeyResponse(
            key.Id, key.OrganizationId, key.Name, token, key.Scopes, key.AllowedReturnDomains, key.RateLimitTier, key.CreatedAt));
    }

    /// <param name="body">The key's whole new allowlist.</param>
    /// <returns>The key with its new allowlist.</returns>
    public static async Task<Ok<ApiKeyResponse>> SetAllowedReturnDomainsAsync(
        string keyId, SetAllowedReturnDomainsRequest body, IGrainFactory grains)
    {
        var grain = ApiKey(grains, keyId);
        var validator = new Validator();
        validator.Check(body.AllowedReturnDomains is not null, "allowedReturnDomains", "Required (may be empty).");
        var domains = ReturnDomains.Normalize(body.AllowedReturnDomains, validator, "allowedReturnDomains");
        validator.ThrowIfInvalid();
        return TypedResults.Ok(ApiKeyResponse.From(await grain.SetAllowedReturnDomainsAsync(domains)));
    }

    /// <returns>The key is revoked.</returns>
    public static async Task<NoContent> RevokeApiKeyAsync(string keyId, IGrainFactory grains)
    {
        await ApiKey(grains, keyId).RevokeAsync();
        return TypedResults.NoContent();
    }

    /// <param name="body">The amount to add.</param>
    /// <returns>The balance after the credit, and its ledger entry.</returns>
    public static async Task<Ok<WalletCredit>> CreditWalletAsync(string orgId, WalletCreditRequest body, IGrainFactory grains)
    {
        if (!Ids.IsWellFormed(orgId, Ids.Organization))
        {
            throw LayersException.NotFound("organization");
        }

        var validator = new Validator();
        validator.Check(body.AmountCents is > 0 and <= 100_000_000_00, "amountCents", "Must be a positive whole number of cents up to 10,000,000,000.");
        var note = validator.Text(body.Note, "note", 500);
        validator.ThrowIfInvalid();
        return TypedResults.Ok(await grains.GetGrain<IOrganizationGrain>(orgId).CreditWalletAsync(body.AmountCents!.Value, note));
    }

    private static IApiKeyGrain ApiKey(IGrainFactory grains, string keyId) =>
        Ids.IsWellFormed(keyId, Ids.ApiKey) ? grains.GetGrain<IApiKeyGrain>(keyId) : throw LayersException.NotFound("API key");
}
