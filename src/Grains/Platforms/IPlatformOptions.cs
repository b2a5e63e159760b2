namespace Layers.Platforms;

/// <summary>
/// A platform module's options: whether app credentials are configured, how it points itself at the built-in
/// simulator when they are not (<see cref="PlatformOptionsSetup{TOptions}"/>), and what is wrong with them
/// (<see cref="PlatformOptionsValidator{TOptions}"/>).
/// </summary>
public interface IPlatformOptions
{
    /// <summary>True when the app's credentials are configured: the live platform is used.</summary>
    bool HasCredentials { get; }

    /// <summary>True once pointed at the simulator.</summary>
    bool IsSandbox { get; }

    /// <summary>
    /// Points the options at the simulator: its app credentials, the consent pages under <paramref name="consentRoot"/>
    /// (reached by browsers) and the API under <paramref name="apiRoot"/> (reached by this service).
    /// </summary>
    void UseSandbox(string clientId, string clientSecret, string consentRoot, string apiRoot);

    /// <summary>Why the service cannot start with these options (half-configured credentials, malformed endpoints).</summary>
    IEnumerable<string> Problems();
}
