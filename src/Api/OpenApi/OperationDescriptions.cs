namespace Layers.Api.OpenApi;

/// <summary>
/// What each operation's request body and success answer are, by <c>operationId</c>, and the query parameters that
/// handlers bind by name, in the words of the contract (API.md).
/// </summary>
internal static class OperationDescriptions
{
    public static IReadOnlyDictionary<string, string> RequestBodies { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["createProject"] = "The new project.",
        ["updateProject"] = "The fields to change; the others stay as they are.",
        ["createOAuthUrl"] = "The platform, the return URL and, optionally, the scopes to ask for.",
        ["createReauthUrl"] = "The account to reconnect and the return URL.",
        ["requestLeasedAccounts"] = "How many accounts, for which niche.",
        ["releaseLeasedAccount"] = "Optionally, why the account is released.",
        ["createContent"] = "The media and text to publish.",
        ["schedulePosts"] = "When to publish, and to which accounts.",
        ["publishNow"] = "The accounts to publish to; `scheduledFor` is left out.",
        ["reschedulePost"] = "The new time.",
        ["cancelScheduledPost"] = "Optionally, why the post is canceled.",
        ["createWebhookEndpoint"] = "Where to send which events.",
        ["updateWebhookEndpoint"] = "The fields to change; the others stay as they are.",
        ["createOrganization"] = "The new organization.",
        ["createApiKey"] = "The new key's name, scopes, return-URL allowlist and tier.",
        ["setAllowedReturnDomains"] = "The key's whole new allowlist.",
        ["creditWallet"] = "The amount to add.",
        ["addPoolAccount"] = "The warmed account and its credentials.",
        ["assignLeaseRequest"] = "The pool accounts to assign.",
        ["rejectLeaseRequest"] = "Why the request is rejected.",
    };

    public static IReadOnlyDictionary<string, string> Successes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["whoAmI"] = "The calling key and its organization.",
        ["getWallet"] = "The organization's wallet.",
        ["listWalletTransactions"] = "A page of ledger entries, newest first.",
        ["createProject"] = "The project was created (`status: active`).",
        ["listProjects"] = "A page of projects, newest first.",
        ["getProject"] = "The project.",
        ["updateProject"] = "The project as changed.",
        ["createOAuthUrl"] = "The consent attempt: send the user to `authorizeUrl`.",
        ["createReauthUrl"] = "The consent attempt: send the user to `authorizeUrl`.",
        ["oauthCallback"] =
            "To the partner's `returnUrl` with `layers_state=<state>` and `status=success`, or `status=error&layers_oauth_error=<code>`.",
        ["getOAuthStatus"] = "How the consent attempt stands.",
        ["listSocialAccounts"] = "A page of the project's accounts.",
        ["getSocialAccount"] = "The social account.",
        ["getSocialAccountHealth"] = "The account's token and publishing health.",
        ["getCreatorInfo"] = "What the creator may post, as the platform answered at most a minute ago.",
        ["revokeSocialAccount"] = "The account is disconnected, its tokens erased and its queued posts canceled.",
        ["requestLeasedAccounts"] = "The request was received and waits for review.",
        ["listLeaseRequests"] = "A page of the project's lease requests, newest first.",
        ["getLeaseRequest"] = "The lease request.",
        ["listLeasedAccounts"] = "A page of the project's leased accounts.",
        ["releaseLeasedAccount"] = "The account is released: back to the pool, no further renewals, no refund.",
        ["createContent"] = "The content container (`status: completed`).",
        ["getContent"] = "The content container.",
        ["schedulePosts"] = "One queued post per target.",
        ["publishNow"] = "One queued post per target, due now.",
        ["getScheduledPost"] = "The scheduled post.",
        ["listScheduledPosts"] = "A page of the project's posts, newest `scheduledFor` first.",
        ["reschedulePost"] = "The post at its new time.",
        ["cancelScheduledPost"] = "The post is canceled.",
        ["listEvents"] = "A page of events, newest first.",
        ["createWebhookEndpoint"] = "The endpoint, and its signing secret (shown this once).",
        ["listWebhookEndpoints"] = "A page of the organization's endpoints.",
        ["getWebhookEndpoint"] = "The endpoint.",
        ["updateWebhookEndpoint"] = "The endpoint as changed.",
        ["deleteWebhookEndpoint"] = "The endpoint is deleted.",
        ["rotateWebhookSecret"] = "The endpoint and its new signing secret (shown this once).",
        ["sendWebhookTest"] = "The delivery of the `test.ping` event; it is sent right after this answer.",
        ["listWebhookDeliveries"] = "A page of the endpoint's deliveries, newest first.",
        ["getWebhookDelivery"] = "The delivery and its attempts.",
        ["replayWebhookDelivery"] = "The new delivery of the same event; it is sent right after this answer.",
        ["createOrganization"] = "The organization.",
        ["createApiKey"] = "The key, shown this once.",
        ["setAllowedReturnDomains"] = "The key with its new allowlist.",
        ["revokeApiKey"] = "The key is revoked.",
        ["creditWallet"] = "The balance after the credit, and its ledger entry.",
        ["addPoolAccount"] = "The pool account (`status: available`).",
        ["listPoolAccounts"] = "A page of pool accounts.",
        ["getPoolAccount"] = "The pool account.",
        ["listAllLeaseRequests"] = "A page of lease requests, newest first.",
        ["reviewLeaseRequest"] = "The lease request.",
        ["assignLeaseRequest"] = "The request, `assigned` or `partial`, with its new leased accounts.",
        ["rejectLeaseRequest"] = "The request, `rejected`.",
        ["getLiveness"] = "The process is up.",
        ["getReadiness"] = "Storage and cluster answer.",
    };

    /// <summary>Query parameters that handlers bind by name (others are described where the route declares them).</summary>
    public static IReadOnlyDictionary<string, string> BoundQueryParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["state"] = "The state of the consent attempt (`st_…`), as Layers put it in the authorize URL.",
        ["code"] = "The authorization code the platform issued; present when the user approved.",
        ["error"] = "The platform's error, e.g. `access_denied` when the user declined; present instead of `code`.",
        ["error_description"] = "The platform's explanation of `error`.",
    };
}
