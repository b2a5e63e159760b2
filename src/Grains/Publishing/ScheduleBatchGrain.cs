using Layers.Common;
using Layers.Platforms;
using Layers.SocialAccounts;
using Microsoft.Extensions.Logging;

namespace Layers.Publishing;

/// <summary>
/// One schedule request. Every target is checked before anything is written; then the batch (each post with its
/// draft) is stored before any post is made (<see cref="IScheduleBatchStore"/>), the posts are made, and the batch is
/// removed. The batch is the request's mark until then: a crash in between leaves it, and the wake-up of due posts,
/// which looks for batches older than a minute, resumes the batch, which makes the missing posts (scheduling a post of
/// the same batch again only makes sure it is complete: queued on its account, listed, woken); a failure that leaves
/// the process running resumes it from a timer of its own. So the request ends with all of its posts or, when one was
/// refused, with none of them queued. (A batch was grain state before, and held a reminder of its own before that:
/// each request's writes and deletes of it went to the database alone, where now they go with others.)
/// </summary>
internal sealed partial class ScheduleBatchGrain(
    IScheduleBatchStore batches,
    IPlatformClients platforms,
    ILogger<ScheduleBatchGrain> logger) : Grain, IScheduleBatchGrain, IRemindable, IIncomingGrainCallFilter
{
    /// <summary>How long after a failure the batch resumes itself, should its activation still be there.</summary>
    private static readonly TimeSpan ResumeAfter = TimeSpan.FromMinutes(1);

    private IGrainTimer? _resume;

    /// <summary>The stored batch, as this activation knows it; null when none is stored.</summary>
    private ScheduleBatchState? _batch;

    /// <summary>Whether this activation knows the stored batch (read, or stored by its request).</summary>
    private bool _known;

    /// <summary>The stored batch, where one is.</summary>
    private ScheduleBatchState S => _batch ?? throw new InvalidOperationException($"No batch {Id} is stored.");

    private string Id => this.GetPrimaryKeyString();

    /// <summary>
    /// A request's batch is new: it is stored without a read first (the store refuses a new batch where another is).
    /// The wake-up's resume reads it.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!_known && context.ImplementationMethod.Name != nameof(ScheduleAsync))
        {
            _batch = await batches.ReadAsync(Id, CancellationToken.None);
            _known = true;
        }

        await context.Invoke();
    }

    public async Task<IReadOnlyList<ScheduledPostView>> ScheduleAsync(ScheduleCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_known && _batch is not null)
        {
            throw LayersException.Conflict($"A scheduled post {Id} exists already.");
        }

        // The request's own id: a batch key (its first post's id) can come again once the batch is finished and gone,
        // and only the posts this very request made are ever taken back or completed.
        var requestId = Ids.New("sbr_", TimeProvider.System);
        var posts = await CheckAsync(command, requestId);
        var batch = new ScheduleBatchState { OrganizationId = command.OrganizationId, Posts = [.. posts], RequestId = requestId };
        if (!await batches.AddAsync(Id, batch, CancellationToken.None))
        {
            // Another request's batch: this activation reads it when it is next asked to resume.
            throw LayersException.Conflict($"A scheduled post {Id} exists already.");
        }

        (_batch, _known) = (batch, true);

        try
        {
            return await MakePostsAsync();
        }
        catch (Exception e) when (e is not LayersException)
        {
            // The posts' storage or a silo failed: the batch finishes itself in a minute (the wake-up would, should this
            // activation go), and the request fails without saying which posts exist meanwhile.
            _resume ??= this.RegisterGrainTimer(ResumeAsync, new GrainTimerCreationOptions(ResumeAfter, ResumeAfter) { KeepAlive = true });
            throw;
        }
    }

    private async Task<IReadOnlyList<ScheduledPostView>> MakePostsAsync()
    {
        var results = await Task.WhenAll(S.Posts.Select(async p =>
        {
            try
            {
                return (View: await GrainFactory.GetGrain<IScheduledPostGrain>(p.PostId).ScheduleAsync(p.Draft), Error: (LayersException?)null);
            }
            catch (LayersException e)
            {
                return (View: (ScheduledPostView?)null, Error: e);
            }
        }));
        if (results.FirstOrDefault(r => r.Error is not null).Error is { } failure)
        {
            // All or nothing: take back what was queued before the failure.
            S.Rejected = true;
            await batches.UpdateAsync(Id, S, CancellationToken.None);
            await TakeBackAsync();
            await FinishAsync();
            throw failure;
        }

        // Every post is made: nothing is left to finish.
        await FinishAsync();
        return [.. results.Select(r => r.View!)];
    }

    public async Task ResumeAsync()
    {
        if (_batch is null)
        {
            StopResuming();
            return;
        }

        if (S.Rejected)
        {
            await TakeBackAsync();
        }
        else
        {
            // The request was accepted: its missing posts are made, the others completed.
            foreach (var post in S.Posts)
            {
                try
                {
                    await GrainFactory.GetGrain<IScheduledPostGrain>(post.PostId).ScheduleAsync(post.Draft with { Resuming = true });
                }
                catch (LayersException e)
                {
                    // Its account went away meanwhile: the post exists, canceled as the revoke says.
                    LogResumeRefused(logger, Id, post.PostId, e.Code.ToString());
                }
            }
        }

        await FinishAsync();
    }

    /// <summary>A reminder set by a batch stored before batches were looked for: it resumes the batch, then goes.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ResumeAsync();
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Every target checked against its account, the platform's modes and media, and its options against the creator,
    /// every problem at once; the posts' drafts when all is well.
    /// </summary>
    private async Task<IReadOnlyList<BatchPost>> CheckAsync(ScheduleCommand command, string requestId)
    {
        var content = await GrainFactory.GetGrain<IContentContainerGrain>(command.ContainerId).GetAsync(command.OrganizationId);
        var targets = command.Targets;
        // One look per account, however many targets name it.
        var distinct = targets.Select(t => t.SocialAccountId).Distinct(StringComparer.Ordinal).ToList();
        var found = await Task.WhenAll(distinct.Select(id => FindAccountAsync(id, command.OrganizationId)));
        var byId = distinct.Zip(found).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var accounts = targets.Select(t => byId[t.SocialAccountId]).ToList();
        Reject(ErrorKind.NotFound, "Some target accounts do not exist in the content's project.", targets, i =>
            accounts[i] is not { } account || account.ProjectId != content.ProjectId ? "No such social account in the content's project." : null);
        Reject(ErrorKind.Conflict, "Some target accounts are disconnected.", targets, i =>
            accounts[i]!.Status == SocialAccountStatus.Disconnected ? "The account is disconnected." : null);

        var clients = accounts.Select(a => platforms.Get(a!.Platform)).ToList();
        var modes = targets.Select((t, i) => t.Mode ?? clients[i].Modes[0]).ToList();
        var badModes = Enumerable.Range(0, targets.Count).Where(i => !clients[i].Modes.Contains(modes[i])).ToList();
        if (badModes.Count > 0)
        {
            throw LayersException.WithDetails(ErrorKind.ModeNotSupported, "A publish mode is not valid for its account's platform.", new
            {
                supportedModes = clients[badModes[0]].Modes,
                issues = badModes.Select(i => new ValidationIssue($"targets[{i}].mode", $"{accounts[i]!.Platform} supports {string.Join(", ", clients[i].Modes)}.")),
            });
        }

        if (content.Status == ContentStatus.Failed)
        {
            throw LayersException.Validation([.. content.AssetProblems.Select(p => new ValidationIssue("containerId", $"{p.Path}: {p.Message}"))]);
        }

        // Media per mode and options per platform, against each creator's current settings.
        var kinds = content.Assets.Select(a => a.Kind).ToList();
        var assets = content.Assets.Select(a => PublishAsset.From(a)).ToList();
        // One creator read per account whose targets' options depend on the creator.
        var needCreator = Enumerable.Range(0, targets.Count).Where(i => clients[i].OptionsDependOnCreator(modes[i]))
            .Select(i => accounts[i]!).DistinctBy(a => a.SocialAccountId).ToList();
        var read = await Task.WhenAll(needCreator.Select(a => CreatorAsync(a, command.OrganizationId)));
        var creatorOf = needCreator.Zip(read).ToDictionary(p => p.First.SocialAccountId, p => p.Second, StringComparer.Ordinal);
        var creators = targets.Select((t, i) => clients[i].OptionsDependOnCreator(modes[i]) ? creatorOf[accounts[i]!.SocialAccountId] : null).ToList();
        var issues = new List<ValidationIssue>();
        var posts = new List<BatchPost>(targets.Count);
        for (var i = 0; i < targets.Count; i++)
        {
            if (clients[i].AssetProblem(modes[i], kinds) is { } problem)
            {
                issues.Add(new ValidationIssue($"targets[{i}].mode", problem));
                continue;
            }

            // A platform's own limits, once the files were read (a validating container is checked at the hand-off).
            issues.AddRange(content.Assets.SelectMany((a, j) => a.IsChecked ? clients[i].Media.Check(a, $"assets[{j}]") : [])
                .Select(p => new ValidationIssue($"targets[{i}]", $"{p.Path}: {p.Message}")));
            var check = clients[i].CheckOptions(clients[i].PlatformMode(modes[i], kinds), assets, targets[i].Options, creators[i]);
            issues.AddRange(check.Problems.Select(p => new ValidationIssue(p.Field.Length == 0 ? $"targets[{i}]" : $"targets[{i}].{p.Field}", p.Message)));
            posts.Add(new BatchPost(targets[i].ScheduledPostId, new PostDraft(
                command.OrganizationId, content.ProjectId, content.Id, accounts[i]!.SocialAccountId, accounts[i]!.Platform, modes[i],
                command.ScheduledFor, targets[i].CaptionOverride ?? content.Caption, content.Assets, check.Applied, content.FirstComment, requestId)));
        }

        return issues.Count > 0 ? throw LayersException.Validation(issues) : posts;
    }

    /// <summary>Cancels the batch's own posts that were queued; a post never made stays unmade, another request's is left alone.</summary>
    private async Task TakeBackAsync() =>
        await Task.WhenAll(S.Posts.Select(p => GrainFactory.GetGrain<IScheduledPostGrain>(p.PostId).TakeBackAsync(p.Draft.BatchId!)));

    /// <summary>The batch goes, then the activation: a finished request leaves nothing behind.</summary>
    private async Task FinishAsync()
    {
        await batches.RemoveAsync(Id, CancellationToken.None);
        _batch = null;
        StopResuming();
        DeactivateOnIdle();
    }

    private void StopResuming()
    {
        _resume?.Dispose();
        _resume = null;
    }

    /// <summary>
    /// The account's creator settings; null when they cannot be read now (the account awaits re-authorization, or the
    /// platform does not answer): the hand-off checks them again.
    /// </summary>
    private async Task<CreatorInfoView?> CreatorAsync(SocialAccountView account, string organizationId)
    {
        if (account.Status != SocialAccountStatus.Connected)
        {
            return null;
        }

        try
        {
            return await GrainFactory.GetGrain<ISocialAccountGrain>(account.SocialAccountId).GetCreatorInfoAsync(organizationId);
        }
        catch (LayersException)
        {
            return null;
        }
    }

    private async Task<SocialAccountView?> FindAccountAsync(string socialAccountId, string organizationId)
    {
        if (!Ids.IsWellFormed(socialAccountId, "sa_"))
        {
            return null;
        }

        try
        {
            return await GrainFactory.GetGrain<ISocialAccountGrain>(socialAccountId).GetAsync(organizationId);
        }
        catch (LayersException e) when (e.Code == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static void Reject(ErrorKind kind, string message, IReadOnlyList<ScheduleTarget> targets, Func<int, string?> problem)
    {
        var issues = Enumerable.Range(0, targets.Count)
            .Select(i => problem(i) is { } p ? new ValidationIssue($"targets[{i}].socialAccountId", p) : null)
            .OfType<ValidationIssue>().ToList();
        if (issues.Count > 0)
        {
            throw LayersException.WithDetails(kind, message, new { issues });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId}: post {ScheduledPostId} not completed on resume ({Code})")]
    private static partial void LogResumeRefused(ILogger logger, string batchId, string scheduledPostId, string code);
}
