using Layers.Media;
using Layers.Publishing;
using Microsoft.Extensions.Options;

namespace Layers.Sandbox;

/// <summary>
/// How the simulators fetch media, as the platforms do: a GET of the whole file from the URL they were given (sandbox
/// media from memory, anything else over the network, the service's media proxy included), after reading its type,
/// size and header. TikTok pulls only from verified URL prefixes: the service's media proxy (<c>{PublicBaseUrl}/media/</c>)
/// and any prefix listed in <c>Layers:SandboxTikTokVerifiedPrefixes</c>. Like a platform's fetcher, the simulators
/// take a few files at a time (<see cref="FetchesAtOnce"/>) rather than opening a connection per post at once: a burst of
/// hand-offs is answered first and its files follow.
/// </summary>
public sealed class SandboxMedia(IHttpClientFactory clients, IOptions<SandboxOptions> options) : IDisposable
{
    public const string HttpClientName = "layers-sandbox-media";

    /// <summary>How many files the simulators fetch at once; the rest wait their turn (the platforms document no figure).</summary>
    public const int FetchesAtOnce = 8;

    private readonly SemaphoreSlim _turns = new(FetchesAtOnce);

    private readonly MediaFetcher _fetcher = new(clients, new MediaOptions { ReadTimeout = TimeSpan.FromSeconds(30) }, HttpClientName);
    private MediaProbe? _probe;

    private MediaProbe Probe => _probe ??= new MediaProbe(_fetcher);

    /// <summary>The URL prefixes verified under the sandbox's TikTok app.</summary>
    public IReadOnlyList<string> VerifiedPrefixes { get; } =
        [options.Value.PublicBaseUrl.TrimEnd('/') + MediaLinks.PathPrefix, .. options.Value.SandboxTikTokVerifiedPrefixes];

    public bool IsVerified(string url) => VerifiedPrefixes.Any(p => url.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// Downloads each file: its facts, or why it could not be had (<see cref="AssetProblemCodes.MediaUnreachable"/>, or
    /// <see cref="AssetProblemCodes.MediaTypeNotSupported"/> for a file that is not of its kind or not readable). A file
    /// larger than <paramref name="maxBytes"/> is refused on its headers, without downloading it.
    /// </summary>
    public async Task<List<(MediaFacts? Facts, string? Problem)>> DownloadAsync(IReadOnlyList<string> urls, string kind, long maxBytes)
    {
        var files = await Task.WhenAll(urls.Select(async url =>
        {
            await _turns.WaitAsync();
            try
            {
                return await DownloadAsync(url, kind, maxBytes);
            }
            finally
            {
                _turns.Release();
            }
        }));
        return [.. files];
    }

    private async Task<(MediaFacts? Facts, string? Problem)> DownloadAsync(string url, string kind, long maxBytes)
    {
        var (facts, problem) = await Probe.ProbeAsync(new ContentAsset(kind, url, null, null), "", CancellationToken.None);
        if (facts is null)
        {
            return (null, problem!.Code);
        }

        return facts.Bytes > maxBytes || await WholeFileAsync(new Uri(url), facts.Bytes) ? (facts, null) : (null, AssetProblemCodes.MediaUnreachable);
    }

    /// <summary>Whether the whole file arrives, as long as it said it was.</summary>
    private async Task<bool> WholeFileAsync(Uri url, long length)
    {
        try
        {
            using var response = await _fetcher.OpenAsync(url, null, CancellationToken.None);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                total += read;
            }

            return total == length;
        }
        catch (Exception e) when (e is MediaUnreachableException or IOException or HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _turns.Dispose();
}
