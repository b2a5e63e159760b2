namespace Layers.Webhooks;

/// <summary>Whether a webhook URL may be called: its host, and what its name resolves to now, must be public.</summary>
public interface IWebhookAddressCheck
{
    /// <summary>Why <paramref name="url"/> may not receive webhooks, or null when it may.</summary>
    Task<string?> FindProblemAsync(Uri url, CancellationToken cancellationToken);
}
