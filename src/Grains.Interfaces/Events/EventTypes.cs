namespace Layers.Events;

public static class EventTypes
{
    public const string SocialAccountConnected = "social_account.connected";
    public const string SocialAccountNeedsReauth = "social_account.needs_reauth";
    public const string SocialAccountRevoked = "social_account.revoked";
    public const string LeaseRequestAssigned = "lease_request.assigned";
    public const string LeaseRequestRejected = "lease_request.rejected";
    public const string LeasedAccountRenewed = "leased_account.renewed";
    public const string LeasedAccountRenewalFailed = "leased_account.renewal_failed";
    public const string PostScheduled = "post.scheduled";
    public const string PostPublished = "post.published";
    public const string PostFailed = "post.failed";
    public const string PostCanceled = "post.canceled";
    public const string TestPing = "test.ping";

    public static readonly IReadOnlyList<string> All =
    [
        SocialAccountConnected, SocialAccountNeedsReauth, SocialAccountRevoked, LeaseRequestAssigned,
        LeaseRequestRejected, LeasedAccountRenewed, LeasedAccountRenewalFailed, PostScheduled, PostPublished,
        PostFailed, PostCanceled, TestPing,
    ];

    /// <summary>What a webhook endpoint may subscribe to: any event type, or <c>*</c> for all of them.</summary>
    public static readonly IReadOnlyList<string> Subscribable = [.. All, "*"];
}
