using Layers.Common;
using Layers.Events;

namespace Layers.Tests.Grains;

/// <summary>The event log on the test cluster: appends from many callers at once.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class EventLogTests(GrainClusterFixture cluster)
{
    [Fact]
    public async Task AppendsFromManyCallersReachTheStoreTogetherAndASlowCommitHoldsNoneBack()
    {
        await cluster.EnsureTwoSilosAsync();
        var organization = Ids.New("org_", TimeProvider.System);
        // More callers than a silo has event-log activations (one per core): taking one call at a time, they let that
        // many appends through and the rest waited behind them (a burst's published posts, seconds at a time).
        var callers = 8 * Environment.ProcessorCount + 1;
        cluster.EventFaults.Set(FaultyEventStore.Fault.Hold);
        Task[] appends;
        try
        {
            appends = [.. Enumerable.Range(0, callers).Select(_ => cluster.Client.GetGrain<IEventLogGrain>(0).AppendAsync(
                [EventFactory.Create(cluster.Clock, EventTypes.PostScheduled, organization, null, new { })]))];
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (cluster.EventFaults.Held < callers && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.Equal(callers, cluster.EventFaults.Held);
        }
        finally
        {
            cluster.EventFaults.Release();
        }

        await Task.WhenAll(appends);
        Assert.Equal(0, cluster.EventFaults.Held);
    }
}
