namespace Layers.Api.Organizations;

/// <summary>The organization's prepaid wallet; lease charges are paid from it.</summary>
/// <param name="OrganizationId">The organization's id (`org_…`).</param>
/// <param name="BalanceCents">The balance in US cents.</param>
/// <param name="Currency">Always `USD`.</param>
public sealed record WalletResponse(string OrganizationId, long BalanceCents, string Currency);
