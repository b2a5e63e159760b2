using Layers.Media;

namespace Layers.Sandbox;

/// <summary>
/// A platform's look at the media it fetched or received: pending until done, then the failure it found (TikTok
/// <c>fail_reason</c>, Instagram error subcode), or none. The outcome is a field, read without waiting.
/// </summary>
public sealed class SandboxMediaCheck
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _failure;

    /// <summary>Completes when the check is done.</summary>
    public Task Done => _done.Task;

    public bool IsDone => _done.Task.IsCompleted;

    /// <summary>What the check found wrong; null while it runs or when the media pass.</summary>
    public string? Failure => IsDone ? _failure : null;

    /// <summary>A check that runs as <paramref name="check"/>; one that breaks ends as an internal failure.</summary>
    public static SandboxMediaCheck Of(Task<string?> check)
    {
        var media = new SandboxMediaCheck();
        _ = media.RecordAsync(check);
        return media;
    }

    public void Complete(string? failure)
    {
        _failure = failure;
        _done.TrySetResult();
    }

    private async Task RecordAsync(Task<string?> check)
    {
        string? failure;
        try
        {
            failure = await check;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or MediaUnreachableException)
        {
            failure = "internal";
        }

        Complete(failure);
    }
}
