using Layers.Publishing;

namespace Layers.Tests.Unit;

public sealed class HandOffPriorityTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void NothingWaitsWhenNoPostIsDue()
    {
        using var priority = new HandOffPriority(TimeSpan.FromMinutes(1));
        Assert.True(priority.YieldAsync().IsCompleted);

        // A post whose hand-off is still ahead holds nothing back.
        priority.Expect("sp_later", TimeSpan.FromMinutes(1));
        Assert.True(priority.YieldAsync().IsCompleted);
        Assert.Equal(1, priority.Expected);
    }

    [Fact]
    public async Task WorkAfterHandOffsWaitsUntilEveryDuePostHasGone()
    {
        using var priority = new HandOffPriority(TimeSpan.FromMinutes(1));
        priority.Expect("sp_a", TimeSpan.Zero);
        priority.Expect("sp_b", TimeSpan.Zero);
        var waiting = priority.YieldAsync();
        var second = priority.YieldAsync();

        priority.Done("sp_a");
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        priority.Done("sp_b");
        await waiting.WaitAsync(Deadline);
        await second.WaitAsync(Deadline);
        Assert.Equal(0, priority.Expected);
    }

    [Fact]
    public async Task APostExpectedAgainReplacesItsEarlierTime()
    {
        using var priority = new HandOffPriority(TimeSpan.FromMinutes(1));
        priority.Expect("sp_a", TimeSpan.Zero);
        var waiting = priority.YieldAsync();
        Assert.False(waiting.IsCompleted);

        // Rescheduled: the post's earlier due time no longer counts.
        priority.Expect("sp_a", TimeSpan.FromMinutes(5));
        await waiting.WaitAsync(Deadline);
        Assert.Equal(1, priority.Expected);
    }

    [Fact]
    public async Task BackgroundWorkAlsoWaitsForThePostsHandedOffToStoreTheirAnswers()
    {
        using var priority = new HandOffPriority(TimeSpan.FromMinutes(1));
        priority.Expect("sp_a", TimeSpan.Zero);
        var background = priority.YieldToHandOffsAsync();
        Assert.False(background.IsCompleted);

        // Handed to its platform: the work after hand-offs goes on, background work waits for the answer to be stored.
        priority.HandedOff("sp_a");
        await priority.YieldAsync().WaitAsync(Deadline);
        Assert.False(priority.YieldToHandOffsAsync().IsCompleted);
        Assert.False(background.IsCompleted);
        Assert.Equal(0, priority.Expected);

        priority.Done("sp_a");
        await background.WaitAsync(Deadline);
        Assert.True(priority.YieldToHandOffsAsync().IsCompleted);
    }

    [Fact]
    public async Task BackgroundWorkMakesWayAheadOfAPostFallingDueSoon()
    {
        using var priority = new HandOffPriority(TimeSpan.FromMinutes(1), backgroundLead: TimeSpan.FromSeconds(30));
        priority.Expect("sp_far", TimeSpan.FromMinutes(5));
        Assert.True(priority.YieldToHandOffsAsync().IsCompleted);

        // Due within the lead: background work stops starting, the work after hand-offs goes on until it is due.
        priority.Expect("sp_soon", TimeSpan.FromSeconds(20));
        var background = priority.YieldToHandOffsAsync();
        Assert.False(background.IsCompleted);
        Assert.True(priority.YieldAsync().IsCompleted);

        priority.HandedOff("sp_soon");
        priority.Done("sp_soon");
        await background.WaitAsync(Deadline);
        Assert.Equal(1, priority.Expected);
    }

    [Fact]
    public async Task NoWaitOutlastsTheLongestDeferral()
    {
        using var priority = new HandOffPriority(TimeSpan.FromMilliseconds(300));
        priority.Expect("sp_stuck", TimeSpan.Zero);
        var started = DateTime.UtcNow;
        await priority.YieldAsync().WaitAsync(Deadline);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }
}
