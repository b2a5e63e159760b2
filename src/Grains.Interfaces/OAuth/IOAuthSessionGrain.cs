namespace Layers.OAuth;

/// <summary>
/// One OAuth attempt (key: the state token <c>st_…</c>): its purpose, project, return URL and outcome. The state
/// lives ten minutes and is single-use.
/// </summary>
[Alias("Layers.IOAuthSessionGrain")]
public interface IOAuthSessionGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task<OAuthStarted> StartAsync(OAuthStart start);

    /// <summary>Completes the attempt once: exchanges the code, checks the account, stores it, and says where to redirect.</summary>
    [Alias("Complete")]
    Task<OAuthRedirect> CompleteAsync(OAuthCallback callback);

    /// <summary>The outcome, or NotFound for another organization or an unknown state.</summary>
    [Alias("GetStatus")]
    Task<OAuthStatus> GetStatusAsync(string organizationId);
}
