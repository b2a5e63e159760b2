namespace Layers.Sandbox;

/// <summary>The outcome of presenting a code or token: its status and, when known, what it was.</summary>
public sealed record SandboxCheck<T>(SandboxTokenStatus Status, T? Value)
    where T : class
{
    public bool IsValid => Status == SandboxTokenStatus.Valid && Value is not null;
}
