using CloudScale.BuildingBlocks.Control;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Domain;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Inventory.Infrastructure.Events;
using CloudScale.Inventory.Infrastructure.Ownership;
using CloudScale.Inventory.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudScale.Inventory.Application.Reservations;

/// <summary>
/// Holds every line or none. Idempotent per reservation id: a repeat of a reservation that was made returns the first
/// answer (whatever lines the repeat names, and whatever happened to the reservation since). A refusal for shortage
/// stores nothing, so a repeat of a refused reservation is evaluated afresh and may succeed once stock is back.
/// Runs only while Inventory owns stock: the ownership fence comes first (<see cref="StockOwnerMovedException"/> otherwise).
/// </summary>
internal sealed class ReserveHandler(InventoryDbContext db, TimeProvider clock, IOptions<InventoryOptions> options)
    : IRequestHandler<Reserve, ReservationResult>
{
    public async Task<ReservationResult> Handle(Reserve request, CancellationToken cancellationToken)
    {
        await db.EnterAsync(StockOwner.Inventory, cancellationToken);
        var stock = request.Stock;
        var id = stock.ReservationId;
        await db.LockReservationIdAsync(id, cancellationToken);
        var existing = await db.Set<Reservation>().AsNoTracking().SingleOrDefaultAsync(r => r.ReservationId == id, cancellationToken);
        if (existing is not null)
        {
            return new ReservationResult(id, true, existing.ExpiresAt, []);
        }

        var items = await db.LockStockAsync(stock.Lines.Select(line => line.ProductId), cancellationToken);
        if (stock.Lines.FirstOrDefault(line => !items.ContainsKey(line.ProductId)) is { } unknown)
        {
            throw InventoryProblems.ProductNotFoundError(unknown.ProductId);
        }

        var now = clock.Now();
        var (reservation, shortages) = Reservation.TryHold(
            id, stock.Lines.Select(line => (line.ProductId, line.Quantity)).ToList(), items, stock.Reference,
            stock.HoldFor ?? options.Value.ReservationTtl, now);
        if (reservation is null)
        {
            return new ReservationResult(id, false, null, shortages.Select(s => new StockShortage(s.ProductId, s.Wanted, s.Available)).ToList());
        }

        db.Add(reservation);
        db.Add(InventoryOutbox.StockReserved(reservation, now));
        return new ReservationResult(id, true, reservation.ExpiresAt, []);
    }
}
