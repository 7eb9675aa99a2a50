using CloudScale.Inventory.Domain;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Inventory.Infrastructure.Persistence;

/// <summary>
/// The row locks every state change takes, always in one order so that writers cannot deadlock: the reservation
/// first (its row, or for a new one its id), then stock rows by ascending product id. Each needs the command's
/// transaction; the locks last until it ends.
/// </summary>
internal static class RowLocks
{
    /// <summary>The stock rows of <paramref name="productIds"/>, locked and tracked; unknown products are missing from the result.</summary>
    public static async Task<IReadOnlyDictionary<Guid, StockItem>> LockStockAsync(
        this InventoryDbContext db, IEnumerable<Guid> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().Order().ToArray();
        // ORDER BY before FOR UPDATE: PostgreSQL locks rows in the order it returns them.
        var items = await db.Set<StockItem>()
            .FromSql($"SELECT * FROM inventory.stock_items WHERE product_id = ANY({ids}) ORDER BY product_id FOR UPDATE")
            .ToListAsync(cancellationToken);
        return items.ToDictionary(item => item.ProductId);
    }

    /// <summary>The reservation with its lines, its row locked (so release, commit and expiry of it run one at a time); null when unknown.</summary>
    public static async Task<Reservation?> LockReservationAsync(this InventoryDbContext db, Guid reservationId, CancellationToken cancellationToken)
    {
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT reservation_id AS \"Value\" FROM inventory.reservations WHERE reservation_id = {reservationId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            return null;
        }

        // Read after the lock is granted: under READ COMMITTED this statement sees the last committed state.
        return await db.Set<Reservation>().Include(r => r.Lines).SingleAsync(r => r.ReservationId == reservationId, cancellationToken);
    }

    /// <summary>
    /// Serialises requests for one reservation id that does not exist yet (there is no row to lock), so two repeats of
    /// a reserve racing each other hold stock once. Transaction-scoped; a collision of keys (with any id, or another module's advisory lock in the same database) only costs a wait.
    /// </summary>
    public static async Task LockReservationIdAsync(this InventoryDbContext db, Guid reservationId, CancellationToken cancellationToken)
    {
        // Both halves: time-ordered ids (v7) share their first bytes when made in the same millisecond.
        var bytes = reservationId.ToByteArray();
        var key = BitConverter.ToInt64(bytes, 0) ^ BitConverter.ToInt64(bytes, 8);
        await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM pg_advisory_xact_lock({key})").ToListAsync(cancellationToken);
    }

    /// <summary>Held reservations due at <paramref name="now"/>, locked, skipping those another transaction has (it is ending them).</summary>
    public static async Task<IReadOnlyList<Reservation>> LockDueReservationsAsync(
        this InventoryDbContext db, DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQuery<Guid>($"""
            SELECT reservation_id AS "Value" FROM inventory.reservations
            WHERE status = 'Held' AND expires_at <= {now}
            ORDER BY expires_at
            LIMIT {batchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        return ids.Count == 0
            ? []
            : await db.Set<Reservation>().Include(r => r.Lines).Where(r => ids.Contains(r.ReservationId)).ToListAsync(cancellationToken);
    }
}
