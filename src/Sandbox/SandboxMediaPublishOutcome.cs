namespace Layers.Sandbox;

/// <summary>What a simulated Instagram <c>media_publish</c> did with a container.</summary>
public enum SandboxMediaPublishOutcome
{
    Published,
    NotFound,
    CarouselItem,
    AlreadyPublished,
    Expired,
    NotReady,

    /// <summary>The account has published its quota of posts within the window.</summary>
    QuotaReached,
}
