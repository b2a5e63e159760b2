namespace Layers.Webhooks;

/// <summary>One signing secret, encrypted; it signs until <see cref="ExpiresAt"/> (null: until rotated).</summary>
[GenerateSerializer]
public sealed class WebhookSecretState
{
    [Id(0)] public string Ciphertext { get; set; } = "";
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public DateTimeOffset? ExpiresAt { get; set; }
}
