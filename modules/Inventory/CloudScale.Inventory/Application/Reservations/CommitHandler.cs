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
/// Sells a held reservation. Committing again answers Committed; a reservation released or expired first sells
/// nothing. A hold past its expiry that the sweeper has not reached yet is expired here rather than sold, so the
/// outcome depends on the expiry time only, never on when the sweeper last ran.
/// Runs only while Inventory owns stock: the ownership fence comes first (<see cref="StockOwnerMovedException"/> otherwise).
/// </summary>
internal sealed class CommitHandler(InventoryDbContext db, TimeProvider clock) : IRequestHandler<Commit, CommitResult>
{
    public async Task<CommitResult> Handle(Commit request, CancellationToken cancellationToken)
    {
        await db.EnterAsync(StockOwner.Inventory, cancellationToken);
        var id = request.ReservationId;
        var reservation = await db.LockReservationAsync(id, cancellationToken);
        if (reservation is null)
        {
            return new CommitResult(id, false, ReservationState.Unknown);
        }

        if (reservation.Status != ReservationStatus.Held)
        {
            return new CommitResult(id, reservation.Status == ReservationStatus.Committed, reservation.Status.ToContract());
        }

        var now = clock.Now();
        var stock = await db.LockStockAsync(reservation.Lines.Select(line => line.ProductId), cancellationToken);
        if (reservation.IsDue(now))
        {
            reservation.Expire(stock, now);
            db.Add(InventoryOutbox.ReservationReleased(reservation, Reservation.ExpiredReason, now));
            return new CommitResult(id, false, ReservationState.Expired);
        }

        reservation.Commit(stock, now);
        db.Add(InventoryOutbox.StockCommitted(reservation, now));
        return new CommitResult(id, true, ReservationState.Committed);
    }
}
