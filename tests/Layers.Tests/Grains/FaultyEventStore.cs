using Layers.Common;
using Layers.Events;

namespace Layers.Tests.Grains;

/// <summary>
/// The event log as a database would fail it: refusing appends outright, or storing them and losing the answer
/// (a timeout after the commit); or holding appends (a slow commit) until released. Reads always work.
/// </summary>
public sealed class FaultyEventStore(IEventStore inner) : IEventStore
{
    private volatile Fault _fault;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _appendsByOrganization = new(StringComparer.Ordinal);

    public enum Fault
    {
        None,

        /// <summary>Nothing is stored and the append throws.</summary>
        Refuse,

        /// <summary>The events are stored, then the append throws as if the answer never came.</summary>
        LoseAnswer,

        /// <summary>Each append waits until <see cref="Release"/>, then is stored.</summary>
        Hold,
    }

    public int FailedAppends { get; private set; }

    /// <summary>How many appends (taken or not) carried events of the organization.</summary>
    public int AppendsOf(string organizationId) => _appendsByOrganization.GetValueOrDefault(organizationId);

    /// <summary>Appends waiting in <see cref="Fault.Hold"/>.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Set(Fault fault)
    {
        if (fault == Fault.Hold)
        {
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _fault = fault;
    }

    /// <summary>Ends <see cref="Fault.Hold"/>: the appends held go on.</summary>
    public void Release()
    {
        _fault = Fault.None;
        _release.TrySetResult();
    }

    public async Task AppendAsync(IReadOnlyCollection<EventRecord> events, CancellationToken cancellationToken)
    {
        foreach (var organization in events.Select(e => e.OrganizationId).Distinct(StringComparer.Ordinal))
        {
            _appendsByOrganization.AddOrUpdate(organization, 1, (_, count) => count + 1);
        }

        var fault = _fault;
        if (fault == Fault.Hold)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }

            await inner.AppendAsync(events, cancellationToken);
            return;
        }

        if (fault == Fault.LoseAnswer)
        {
            await inner.AppendAsync(events, cancellationToken);
        }

        if (fault != Fault.None)
        {
            FailedAppends++;
            throw new TimeoutException($"event store: {fault}");
        }

        await inner.AppendAsync(events, cancellationToken);
    }

    public Task<Page<EventRecord>> ListAsync(
        string organizationId, EventQuery query, string? afterEventId, int limit, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        inner.ListAsync(organizationId, query, afterEventId, limit, notBefore, cancellationToken);
}
