using CloudScale.BuildingBlocks.Control;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Domain;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Inventory.Infrastructure.Events;
using CloudScale.Inventory.Infrastructure.Ownership;
using CloudScale.Inventory.Infrastructure.Persistence;
using MediatR;

namespace CloudScale.Inventory.Application.Reservations;

/// <summary>
/// Gives a held reservation's stock back. Anything but a hold is left as it is and its state returned: unknown,
/// released and expired (nothing is held), and committed (the stock is sold; a release cannot undo a sale).
/// Runs only while Inventory owns stock: the ownership fence comes first (<see cref="StockOwnerMovedException"/> otherwise).
/// </summary>
internal sealed class ReleaseHandler(InventoryDbContext db, TimeProvider clock) : IRequestHandler<Release, ReservationState>
{
    public async Task<ReservationState> Handle(Release request, CancellationToken cancellationToken)
    {
        await db.EnterAsync(StockOwner.Inventory, cancellationToken);
        var reservation = await db.LockReservationAsync(request.ReservationId, cancellationToken);
        if (reservation is null)
        {
            return ReservationState.Unknown;
        }

        if (reservation.Status != ReservationStatus.Held)
        {
            return reservation.Status.ToContract();
        }

        var now = clock.Now();
        var stock = await db.LockStockAsync(reservation.Lines.Select(line => line.ProductId), cancellationToken);
        reservation.Release(request.Reason, stock, now);
        db.Add(InventoryOutbox.ReservationReleased(reservation, request.Reason, now));
        return ReservationState.Released;
    }
}
