namespace Layers.Webhooks;

/// <summary>How one POST went: a 2xx is delivered; anything else carries an error code from <see cref="WebhookErrorCodes"/>.</summary>
public sealed record WebhookSendResult(bool Delivered, int? StatusCode, string? Error, string? ResponseBody, long DurationMs);
