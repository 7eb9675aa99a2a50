using System.Data.Common;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>Who may write stock. Exactly one side at any moment; the other calls it.</summary>
public enum StockOwner
{
    Legacy,
    Inventory,
}

/// <summary>
/// The fence that keeps stock single-writer across a cutover. The owner's every local stock write runs inside a
/// transaction that first calls <see cref="EnterAsOwnerAsync"/>: a <em>shared</em> advisory lock plus a re-read of the
/// owner row. A cutover takes the same lock <em>exclusively</em> (<see cref="FreezeAsync"/>): PostgreSQL's lock queue is
/// fair, so new writers queue behind it (they wait, they do not fail) while the writers already inside finish; the
/// cutover then copies, verifies and flips the owner in its own transaction and releases everyone at commit.
/// Non-owners never take the lock: they route with <see cref="ReadAsync"/> (a plain read) and, if the owner moved
/// between that read and the owner's fence, get <see cref="InternalStockApi.OwnerMovedCode"/> and route again. Holding
/// the shared lock only around local writes is what keeps a remote call from ever waiting on a queued cutover.
/// </summary>
public static class StockOwnership
{
    public const string Domain = "stock";

    /// <summary>The flag that mirrors the owner for everyone reading flags (status views, dashboards).</summary>
    public const string FlagName = "Owner.Inventory";

    private const int LockClass = 1129270867;
    private const int StockLockObject = 1;

    public static string ToWire(StockOwner owner) => owner == StockOwner.Inventory ? "inventory" : "legacy";

    public static bool TryParse(string? value, out StockOwner owner)
    {
        switch (value)
        {
            case "legacy":
                owner = StockOwner.Legacy;
                return true;
            case "inventory":
                owner = StockOwner.Inventory;
                return true;
            default:
                owner = StockOwner.Legacy;
                return false;
        }
    }

    /// <summary>The current owner by a plain read: good for routing a call, never enough to write under.</summary>
    public static async Task<StockOwner> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT owner FROM control.data_owners WHERE domain = 'stock'";
        var value = await command.ExecuteScalarAsync(cancellationToken) as string;
        return TryParse(value, out var owner)
            ? owner
            : throw new InvalidOperationException($"control.data_owners has no valid owner for stock ('{value}'); run ControlPlaneSchema.EnsureAsync.");
    }

    /// <summary>
    /// Call first in the transaction of a local stock write: waits while a cutover is running, then proves
    /// <paramref name="self"/> still owns stock. Throws <see cref="StockOwnerMovedException"/> otherwise; the lock is
    /// held until the transaction ends, so no cutover can start under the write.
    /// </summary>
    public static async Task EnterAsOwnerAsync(DbConnection connection, DbTransaction transaction, StockOwner self, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT pg_advisory_xact_lock_shared({LockClass}, {StockLockObject})";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var owner = await ReadAsync(connection, transaction, cancellationToken);
        if (owner != self)
        {
            throw new StockOwnerMovedException(owner);
        }
    }

    /// <summary>
    /// Freezes every local stock write on both sides until <paramref name="transaction"/> ends: new writers queue,
    /// writers already inside are waited for up to <paramref name="maxWait"/> (then a lock timeout is thrown and nothing
    /// was frozen). Answers the time spent waiting for those writers to drain.
    /// </summary>
    public static async Task<TimeSpan> FreezeAsync(DbConnection connection, DbTransaction transaction, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText =
                $"SELECT set_config('lock_timeout', '{(long)maxWait.TotalMilliseconds}ms', true); " +
                $"SELECT pg_advisory_xact_lock({LockClass}, {StockLockObject}); " +
                "SELECT set_config('lock_timeout', '0', true);";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }
}

/// <summary>A side tried to write stock it no longer owns (a cutover moved it); re-read the owner and route again.</summary>
public sealed class StockOwnerMovedException(StockOwner owner)
    : Exception($"Stock is now owned by {StockOwnership.ToWire(owner)}; route the call there.")
{
    public StockOwner Owner { get; } = owner;
}
