namespace Layers.Sandbox;

/// <summary>Why a presented token or code is (not) accepted.</summary>
public enum SandboxTokenStatus
{
    Valid,
    Unknown,
    Expired,
    Revoked,
    Used,
    RedirectMismatch,
}
