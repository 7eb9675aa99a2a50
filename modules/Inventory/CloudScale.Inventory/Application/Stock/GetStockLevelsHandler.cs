using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Domain;
using CloudScale.Inventory.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Inventory.Application.Stock;

/// <summary>Products Inventory does not stock are left out, not refused: the caller compares what came back.</summary>
internal sealed class GetStockLevelsHandler(InventoryDbContext db) : IRequestHandler<GetStockLevels, IReadOnlyList<StockLevel>>
{
    public async Task<IReadOnlyList<StockLevel>> Handle(GetStockLevels request, CancellationToken cancellationToken)
    {
        if (request.ProductIds.Count == 0)
        {
            return [];
        }

        var ids = request.ProductIds.Distinct().ToArray();
        var items = await db.Set<StockItem>().AsNoTracking()
            .Where(s => ids.Contains(s.ProductId))
            .OrderBy(s => s.ProductId)
            .ToListAsync(cancellationToken);
        return items.Select(item => item.ToContract()).ToList();
    }
}
