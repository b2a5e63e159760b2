namespace Layers.Common;

/// <summary>
/// How every grain whose calls may interleave stores its state: writes never overlap, each caller returns once a
/// write that began after its change has finished, and changes made while a write runs share the next one.
/// </summary>
internal sealed class StateWrites(Func<Task> write)
{
    private long _changes;
    private long _stored;
    private Task? _storing;

    public async Task StoreAsync()
    {
        var change = ++_changes;
        while (_stored < change)
        {
            if (_storing is { IsCompleted: false } running)
            {
                await running;
                continue;
            }

            _storing = StoreUpToAsync(_changes);
            await _storing;
        }
    }

    private async Task StoreUpToAsync(long change)
    {
        await write();
        _stored = Math.Max(_stored, change);
    }
}
