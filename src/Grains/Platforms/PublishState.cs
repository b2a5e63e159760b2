namespace Layers.Platforms;

public enum PublishState
{
    /// <summary>The platform is still downloading or processing.</summary>
    InProgress,

    /// <summary>Processing finished; the platform waits for the final publish call (Instagram).</summary>
    ReadyToFinalize,

    /// <summary>Live on the platform.</summary>
    Published,

    /// <summary>Delivered to the creator's inbox to finish on the phone (TikTok <c>draft_to_device</c>).</summary>
    Draft,

    /// <summary>The platform gave up on it; see the error code.</summary>
    Failed,
}
