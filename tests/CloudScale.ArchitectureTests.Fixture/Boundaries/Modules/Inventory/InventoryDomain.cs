// Inventory's domain: one clean entity, and one query that leans on EF Core.
using Microsoft.EntityFrameworkCore;

namespace Fixture.Inventory.Domain;

internal sealed class StockItem
{
    public Guid Id { get; set; }

    public int OnHand { get; set; }
}

internal static class StockItemQueries
{
    public static IQueryable<StockItem> InStock(DbSet<StockItem> items) => items.Where(item => item.OnHand > 0);
}
