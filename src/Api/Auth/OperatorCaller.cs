namespace Layers.Api.Auth;

/// <summary>Marks a request made with the operator token (Layers staff), as <see cref="Caller"/> marks an API key's.</summary>
public sealed class OperatorCaller
{
    public static OperatorCaller Instance { get; } = new();

    private OperatorCaller()
    {
    }

    /// <summary>The idempotency scope of operator requests (API keys scope theirs by key id).</summary>
    public const string IdempotencyScope = "operator";
}
