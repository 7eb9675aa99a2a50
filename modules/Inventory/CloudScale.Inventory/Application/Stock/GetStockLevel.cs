using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Contracts;

namespace CloudScale.Inventory.Application.Stock;

internal sealed record GetStockLevel(Guid ProductId) : IQuery<StockLevel>;
