// Inventory's public face. Two contracts lean on something heavier than the BCL.
using Fixture.BuildingBlocks;
using Microsoft.EntityFrameworkCore;

namespace Fixture.Inventory.Contracts;

public interface IInventoryModule
{
    StockView Find(Guid productId);
}

public sealed record StockView(Guid ProductId, int Available);

public sealed record ReserveStockRequest(Guid ProductId, int Quantity)
{
    public EntityState State { get; init; }
}

public sealed record StockChangedV1(Guid EventId, Guid ProductId) : IntegrationEvent(EventId);
