using System.Collections.Concurrent;

namespace CloudScale.BuildingBlocks.SchemaRegistry;

/// <summary>
/// Loads each key's value once and keeps it, for values that never change (a schema by id, an id by schema).
/// A load that fails is forgotten, so a registry outage delays a key instead of failing it until a restart.
/// Callers of one key share one load, which runs without any caller's cancellation token: a caller that gives up
/// only stops waiting and cannot fail the others' load.
/// </summary>
internal sealed class AsyncCache<TKey, TValue>(Func<TKey, Task<TValue>> load)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _entries = new();

    public Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken = default) =>
        _entries.GetOrAdd(key, static (key, cache) => cache.NewEntry(key), this).Value.WaitAsync(cancellationToken);

    /// <summary>Keeps a value learnt on the side (an id's schema, from registering it), unless one is there already.</summary>
    public void TryAdd(TKey key, TValue value) => _entries.TryAdd(key, new Lazy<Task<TValue>>(Task.FromResult(value)));

    // Lazy, so that of the entries racing in GetOrAdd only the stored one loads, and only once it is stored:
    // even a load that fails at once finds its entry to remove.
    private Lazy<Task<TValue>> NewEntry(TKey key)
    {
        Lazy<Task<TValue>>? entry = null;
        entry = new Lazy<Task<TValue>>(() => LoadAsync(key, entry!));
        return entry;
    }

    private async Task<TValue> LoadAsync(TKey key, Lazy<Task<TValue>> entry)
    {
        try
        {
            return await load(key);
        }
        catch
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }
}
