using CloudScale.BuildingBlocks.Control;
using CloudScale.Inventory.Domain;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Inventory.Infrastructure.Events;
using CloudScale.Inventory.Infrastructure.Ownership;
using CloudScale.Inventory.Infrastructure.Persistence;
using MediatR;

namespace CloudScale.Inventory.Application.Reservations;

/// <summary>
/// One batch of the expiry sweep. Reservations another transaction holds (being committed or released right now)
/// are skipped, not waited for: that transaction decides their fate, and a later sweep sees what it left.
/// Runs only while Inventory owns stock: while legacy owns, legacy expires its own holds.
/// </summary>
internal sealed class ExpireDueReservationsHandler(InventoryDbContext db, TimeProvider clock) : IRequestHandler<ExpireDueReservations, int>
{
    public async Task<int> Handle(ExpireDueReservations request, CancellationToken cancellationToken)
    {
        await db.EnterAsync(StockOwner.Inventory, cancellationToken);
        var now = clock.Now();
        var due = await db.LockDueReservationsAsync(now, request.BatchSize, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var stock = await db.LockStockAsync(due.SelectMany(r => r.Lines).Select(line => line.ProductId), cancellationToken);
        foreach (var reservation in due)
        {
            reservation.Expire(stock, now);
            db.Add(InventoryOutbox.ReservationReleased(reservation, Reservation.ExpiredReason, now));
        }

        return due.Count;
    }
}
