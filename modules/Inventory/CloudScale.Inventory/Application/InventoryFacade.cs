using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Application.Reservations;
using CloudScale.Inventory.Application.Routing;
using CloudScale.Inventory.Application.Stock;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Inventory.Infrastructure.Ownership;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudScale.Inventory.Application;

/// <summary>
/// The in-process implementation of the module's contract, routed by who owns stock. Each call reads the owner
/// (a plain read of <c>control.data_owners</c>): while Inventory owns, the call is one request through the module's
/// pipeline, whose write handlers enter the ownership fence; while legacy owns, it goes to legacy's internal stock
/// API through <see cref="IRemoteStockOwner"/>, and nothing is written here. When the owner moved between the read
/// and the owner's fence (a cutover committed in between), the owner is read again and the call routed again, at
/// most <see cref="MaxRoutes"/> times, then a 503 <c>stock_owner_unavailable</c>. A retry is safe: every write is
/// idempotent under its reservation id, and a fenced write that found the owner moved changed nothing.
/// Stock events (reserved, committed, released) are written to the outbox only on the local path, by the owner's
/// own handlers: while legacy owns stock, Inventory publishes no stock events.
/// </summary>
internal sealed class InventoryFacade(
    ModuleMediator<InventoryDbContext> mediator,
    InventoryDbContext db,
    IRemoteStockOwner legacy,
    IServiceProvider services,
    ILogger<InventoryFacade> logger) : IInventoryModule
{
    public const int MaxRoutes = 3;

    public Task<StockLevel> GetAvailabilityAsync(Guid productId, CancellationToken cancellationToken) =>
        RouteAsync(
            new GetStockLevel(productId),
            (request, ct) => legacy.GetLevelAsync(request.ProductId, ct),
            cancellationToken);

    public Task<IReadOnlyList<StockLevel>> GetAvailabilityAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken) =>
        RouteAsync(
            new GetStockLevels(productIds),
            (request, ct) => request.ProductIds.Count == 0 ? Task.FromResult<IReadOnlyList<StockLevel>>([]) : legacy.GetLevelsAsync(request.ProductIds, ct),
            cancellationToken);

    public Task<ReservationResult> ReserveAsync(ReserveStock request, CancellationToken cancellationToken) =>
        RouteAsync(new Reserve(request), (r, ct) => legacy.ReserveAsync(r.Stock, ct), cancellationToken);

    public Task<ReservationState> ReleaseAsync(Guid reservationId, string reason, CancellationToken cancellationToken) =>
        RouteAsync(new Release(reservationId, reason), (r, ct) => legacy.ReleaseAsync(r.ReservationId, r.Reason, ct), cancellationToken);

    public Task<CommitResult> CommitAsync(Guid reservationId, CancellationToken cancellationToken) =>
        RouteAsync(new Commit(reservationId), (r, ct) => legacy.CommitAsync(r.ReservationId, ct), cancellationToken);

    private async Task<TResult> RouteAsync<TRequest, TResult>(
        TRequest request, Func<TRequest, CancellationToken, Task<TResult>> remote, CancellationToken cancellationToken)
        where TRequest : IRequest<TResult>
    {
        var validated = false;
        StockOwner? lastOwner = null;
        for (var attempt = 1; attempt <= MaxRoutes; attempt++)
        {
            var owner = await db.ReadStockOwnerAsync(cancellationToken);
            try
            {
                if (owner == StockOwner.Inventory)
                {
                    return await mediator.Send(request, cancellationToken);
                }

                if (!validated)
                {
                    // The module's own rules first, so a caller gets the same validation_failed whoever owns stock.
                    Validate(request);
                    validated = true;
                }

                return await remote(request, cancellationToken);
            }
            catch (StockOwnerMovedException moved)
            {
                lastOwner = moved.Owner;
                logger.LogInformation(
                    "{Request} routed to {Routed} but stock is now owned by {Owner} (try {Attempt} of {Max}); routing again",
                    typeof(TRequest).Name, StockOwnership.ToWire(owner), StockOwnership.ToWire(moved.Owner), attempt, MaxRoutes);
            }
        }

        throw InventoryProblems.StockOwnerUnavailableError(
            $"The stock owner moved on each of {MaxRoutes} tries (last said: {(lastOwner is { } o ? StockOwnership.ToWire(o) : "unknown")}); " +
            "a cutover may be running, retry shortly.");
    }

    private void Validate<TRequest>(TRequest request)
    {
        var errors = new FieldErrors();
        foreach (var validator in services.GetServices<IValidator<TRequest>>())
        {
            validator.Validate(request, errors);
        }

        errors.ThrowIfAny();
    }
}
