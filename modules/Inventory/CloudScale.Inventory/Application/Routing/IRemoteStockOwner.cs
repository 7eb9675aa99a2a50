using CloudScale.BuildingBlocks.Control;
using CloudScale.Inventory.Contracts;

namespace CloudScale.Inventory.Application.Routing;

/// <summary>
/// The other side's internal stock API in Inventory's terms (the anti-corruption boundary): what the facade calls
/// while legacy owns stock. Answers the module's own contract types; refusals come back as the problems the module
/// itself throws (<c>product_not_found</c>, <c>validation_failed</c>); a side that says it is no longer the owner
/// throws <see cref="StockOwnerMovedException"/>; an owner that cannot be reached or answers nonsense is a 503
/// <c>stock_owner_unavailable</c>, never a 500.
/// </summary>
internal interface IRemoteStockOwner
{
    Task<StockLevel> GetLevelAsync(Guid productId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StockLevel>> GetLevelsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);

    Task<ReservationResult> ReserveAsync(ReserveStock request, CancellationToken cancellationToken);

    Task<CommitResult> CommitAsync(Guid reservationId, CancellationToken cancellationToken);

    Task<ReservationState> ReleaseAsync(Guid reservationId, string reason, CancellationToken cancellationToken);
}
