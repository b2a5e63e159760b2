using Layers.Common;
using Layers.Media;
using Layers.Platforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Layers.Publishing;

/// <summary>
/// A content container. Created <c>validating</c>, it reads each asset (reachability, type, size; a video's length,
/// picture and frame rate from its container header) and settles <c>completed</c> when some platform takes every asset,
/// else <c>failed</c> with the problems. A check cut short by a restart starts again when the container is next used.
/// </summary>
internal sealed partial class ContentContainerGrain(
    [PersistentState("content", StorageNames.Layers)] IPersistentState<ContentContainerState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    MediaProbe probe,
    IPlatformClients platforms,
    ILogger<ContentContainerGrain> logger) : Grain, IContentContainerGrain
{
    private Task? _validation;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && state.State.Status == ContentStatus.Validating)
        {
            StartValidation();
        }

        return Task.CompletedTask;
    }

    public async Task<ContentView> CreateAsync(string organizationId, Guid projectId, ContentDraft draft)
    {
        if (state.RecordExists)
        {
            throw LayersException.Conflict("The content id is taken.");
        }

        state.State = new ContentContainerState
        {
            OrganizationId = organizationId,
            ProjectId = projectId,
            Caption = draft.Caption,
            FirstComment = draft.FirstComment,
            Assets = [.. draft.Assets],
            CreatedAt = time.GetUtcNow(),
        };
        await state.WriteStateAsync();
        var created = View();
        StartValidation();
        return created;
    }

    public Task<ContentView> GetAsync(string organizationId) =>
        Task.FromResult(Owned(organizationId) ? View() : throw LayersException.NotFound("content"));

    public async Task<ContentView> SettleAsync(string organizationId)
    {
        if (!Owned(organizationId))
        {
            throw LayersException.NotFound("content");
        }

        if (state.State.Status == ContentStatus.Validating)
        {
            StartValidation();
            await _validation!;
        }

        return View();
    }

    private bool Owned(string organizationId) => state.RecordExists && state.State.OrganizationId == organizationId;

    private void StartValidation()
    {
        if (_validation is null || _validation.IsFaulted)
        {
            _validation = ValidateAsync();
        }
    }

    private async Task ValidateAsync()
    {
        var assets = state.State.Assets;
        var read = await Task.WhenAll(assets.Select((a, i) => probe.ProbeAsync(a, $"assets[{i}]", CancellationToken.None)));
        var rules = platforms.All.Select(p => p.Media).ToList();
        var checkedAssets = new List<ContentAsset>(assets.Count);
        var problems = new List<AssetProblem>();
        for (var i = 0; i < assets.Count; i++)
        {
            var (facts, problem) = read[i];
            if (facts is null)
            {
                checkedAssets.Add(assets[i]);
                problems.Add(problem!);
                continue;
            }

            var asset = assets[i] with
            {
                MimeType = facts.MimeType,
                Bytes = facts.Bytes,
                DurationMs = facts.DurationMs ?? assets[i].DurationMs,
                Width = facts.Width,
                Height = facts.Height,
                FrameRate = facts.FrameRate,
            };
            checkedAssets.Add(asset);
            problems.AddRange(MediaRules.Anywhere(rules, asset, $"assets[{i}]"));
        }

        state.State.Assets = checkedAssets;
        state.State.Problems = problems;
        state.State.Status = problems.Count == 0 ? ContentStatus.Completed : ContentStatus.Failed;
        await state.WriteStateAsync();
        LogValidated(logger, this.GetPrimaryKeyString(), state.State.Status, problems.Count);
    }

    private ContentView View() => new(
        this.GetPrimaryKeyString(), state.State.ProjectId, state.State.Status, "uploaded", state.State.Caption, state.State.FirstComment,
        state.State.Assets, state.State.Problems, state.State.CreatedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content {ContainerId} checked: {Status}, {ProblemCount} problems")]
    private static partial void LogValidated(ILogger logger, string containerId, string status, int problemCount);
}
