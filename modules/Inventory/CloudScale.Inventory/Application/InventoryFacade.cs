using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Application.Reservations;
using CloudScale.Inventory.Application.Stock;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure;

namespace CloudScale.Inventory.Application;

/// <summary>The in-process implementation of the module's contract: each call is one request through the module's pipeline.</summary>
internal sealed class InventoryFacade(ModuleMediator<InventoryDbContext> mediator) : IInventoryModule
{
    public Task<StockLevel> GetAvailabilityAsync(Guid productId, CancellationToken cancellationToken) =>
        mediator.Send(new GetStockLevel(productId), cancellationToken);

    public Task<IReadOnlyList<StockLevel>> GetAvailabilityAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken) =>
        mediator.Send(new GetStockLevels(productIds), cancellationToken);

    public Task<ReservationResult> ReserveAsync(ReserveStock request, CancellationToken cancellationToken) =>
        mediator.Send(new Reserve(request), cancellationToken);

    public Task<ReservationState> ReleaseAsync(Guid reservationId, string reason, CancellationToken cancellationToken) =>
        mediator.Send(new Release(reservationId, reason), cancellationToken);

    public Task<CommitResult> CommitAsync(Guid reservationId, CancellationToken cancellationToken) =>
        mediator.Send(new Commit(reservationId), cancellationToken);
}
