namespace Layers.Api.Organizations;

public sealed record WalletResponse(string OrganizationId, long BalanceCents, string Currency);
