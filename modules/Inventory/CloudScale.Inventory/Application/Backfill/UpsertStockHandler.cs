using CloudScale.BuildingBlocks.Control;
using CloudScale.Inventory.Domain;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Inventory.Infrastructure.Ownership;
using CloudScale.Inventory.Infrastructure.Persistence;
using MediatR;

namespace CloudScale.Inventory.Application.Backfill;

/// <summary>
/// Writes legacy's on-hand counts over Inventory's, under the same stock row locks reservations take, so a count
/// never lands between a reservation's check and its hold. A count below what Inventory's reservations hold is a
/// conflict: the product is left as it is (someone must look), the rest of the batch goes on.
/// A copy of legacy's stock is only right while legacy owns stock: the batch enters the ownership fence expecting
/// legacy (so it never interleaves with a cutover) and throws <see cref="StockOwnerMovedException"/> once Inventory
/// owns, when these rows are live stock that a copy would overwrite.
/// </summary>
internal sealed class UpsertStockHandler(InventoryDbContext db, TimeProvider clock) : IRequestHandler<UpsertStock, UpsertOutcome>
{
    public async Task<UpsertOutcome> Handle(UpsertStock request, CancellationToken cancellationToken)
    {
        await db.EnterAsync(StockOwner.Legacy, cancellationToken);
        var now = clock.Now();
        var existing = await db.LockStockAsync(request.Stock.Select(s => s.ProductId), cancellationToken);
        int inserted = 0, updated = 0, unchanged = 0;
        var conflicts = new List<Guid>();
        foreach (var legacy in request.Stock.DistinctBy(s => s.ProductId))
        {
            if (!existing.TryGetValue(legacy.ProductId, out var item))
            {
                if (legacy.OnHand < 0)
                {
                    conflicts.Add(legacy.ProductId);
                    continue;
                }

                db.Add(new StockItem(legacy.ProductId, legacy.OnHand, now));
                inserted++;
            }
            else if (item.OnHand == legacy.OnHand)
            {
                unchanged++;
            }
            else if (item.TrySetOnHand(legacy.OnHand, now))
            {
                updated++;
            }
            else
            {
                conflicts.Add(legacy.ProductId);
            }
        }

        return new UpsertOutcome(inserted, updated, unchanged, conflicts);
    }
}
