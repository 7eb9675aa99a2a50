using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Contracts;

namespace CloudScale.Inventory.Application.Stock;

internal sealed record GetStockLevels(IReadOnlyCollection<Guid> ProductIds) : IQuery<IReadOnlyList<StockLevel>>
{
    public const int MaxProducts = 1000;
}
