using CloudScale.BuildingBlocks.Control;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudScale.Inventory.Infrastructure.Ownership;

/// <summary>
/// The stock ownership fence (<see cref="StockOwnership"/>) over Inventory's own connection and unit-of-work
/// transaction. Every handler that writes stock enters it first, before any row lock, so a cutover's freeze queues
/// it before it holds anything a cutover would need, and a write can never land after the owner moved.
/// </summary>
internal static class StockOwnerFence
{
    /// <summary>
    /// Waits while a cutover freezes stock, then proves <paramref name="expected"/> owns stock, for the rest of the
    /// command's transaction. Throws <see cref="StockOwnerMovedException"/> otherwise.
    /// </summary>
    public static async Task EnterAsync(this InventoryDbContext db, StockOwner expected, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("A stock write must run inside the module's unit of work (an ICommand).");
        await StockOwnership.EnterAsOwnerAsync(db.Database.GetDbConnection(), transaction, expected, cancellationToken);
    }

    /// <summary>
    /// The current owner by a plain read on the module's connection: for routing a call, never to write under. Joins
    /// the current transaction when there is one.
    /// </summary>
    public static async Task<StockOwner> ReadStockOwnerAsync(this InventoryDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await StockOwnership.ReadAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
