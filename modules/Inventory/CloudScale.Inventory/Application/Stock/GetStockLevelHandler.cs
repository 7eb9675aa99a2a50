using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Domain;
using CloudScale.Inventory.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Inventory.Application.Stock;

internal sealed class GetStockLevelHandler(InventoryDbContext db) : IRequestHandler<GetStockLevel, StockLevel>
{
    public async Task<StockLevel> Handle(GetStockLevel request, CancellationToken cancellationToken)
    {
        var item = await db.Set<StockItem>().AsNoTracking().SingleOrDefaultAsync(s => s.ProductId == request.ProductId, cancellationToken);
        return item?.ToContract() ?? throw InventoryProblems.ProductNotFoundError(request.ProductId);
    }
}
