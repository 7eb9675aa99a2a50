using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Application;
using CloudScale.Inventory.Application.Reservations;
using CloudScale.Inventory.Application.Stock;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure.Ownership;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Inventory.Infrastructure.InternalApi;

/// <summary>
/// The internal stock API (<see cref="InternalStockApi"/>) as Inventory serves it for legacy's stock gateway once
/// Inventory owns stock. Owner-only: every call runs the module's own handlers (whose writes enter the ownership
/// fence) and answers 409 <c>stock_owner_moved</c> while Inventory is not the owner; it never goes through the
/// routing facade, because forwarding to legacy would send legacy's own call back to it.
/// </summary>
internal static class InternalStockEndpoints
{
    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(InternalStockApi.Prefix);

        group.MapGet("/levels/{productId}", (string productId, HttpContext http, CancellationToken ct) =>
            OwnerOnlyAsync(http, async mediator =>
            {
                // Like the shopper API: an id that cannot name a product names no product.
                if (!Guid.TryParse(productId, out var id))
                {
                    throw ApiException.NotFound(InventoryProblems.ProductNotFound, $"No product with id '{productId}'.");
                }

                var level = await mediator.Send(new GetStockLevel(id), ct);
                return new InternalStockLevel(level.ProductId, level.OnHand, level.Reserved, level.Available);
            }, ct));

        group.MapPost("/levels", (InternalAvailabilityRequest? body, HttpContext http, CancellationToken ct) =>
            OwnerOnlyAsync(http, async mediator =>
            {
                var levels = await mediator.Send(new GetStockLevels(InternalStockRequests.Validate(body).ProductIds.ToList()), ct);
                return new InternalAvailabilityResponse(levels.Select(l => new InternalStockLevel(l.ProductId, l.OnHand, l.Reserved, l.Available)).ToList());
            }, ct));

        group.MapPost("/reservations", (InternalReserveRequest? body, HttpContext http, CancellationToken ct) =>
            OwnerOnlyAsync(http, async mediator =>
            {
                var request = ToReserve(InternalStockRequests.Validate(body));
                var result = await mediator.Send(new Reserve(request), ct);
                return new InternalReserveResponse(
                    result.ReservationId, result.Reserved, result.ExpiresAt,
                    result.Shortages.Select(s => new InternalShortage(s.ProductId, s.Wanted, s.Available)).ToList());
            }, ct));

        group.MapPost("/reservations/{reservationId}/commit", (string reservationId, HttpContext http, CancellationToken ct) =>
            OwnerOnlyAsync(http, async mediator =>
            {
                var result = await mediator.Send(new Commit(InternalStockRequests.ReservationId(reservationId)), ct);
                return new InternalReservationOutcome(result.ReservationId, result.Committed, result.State.ToString());
            }, ct));

        group.MapPost("/reservations/{reservationId}/release", (string reservationId, InternalReleaseRequest? body, HttpContext http, CancellationToken ct) =>
            OwnerOnlyAsync(http, async mediator =>
            {
                var id = InternalStockRequests.ReservationId(reservationId);
                var reason = InternalStockRequests.ReleaseReason(body);
                var state = await mediator.Send(new Release(id, reason), ct);
                // Done: nothing is held for it any more (given back now or before, expired, or never made).
                return new InternalReservationOutcome(id, state != ReservationState.Held && state != ReservationState.Committed, state.ToString());
            }, ct));

        return group;
    }

    /// <summary>The checked request in the module's terms.</summary>
    private static ReserveStock ToReserve(InternalReserveRequest body) => new(
        body.ReservationId,
        body.Lines.Select(line => new StockLine(line.ProductId, line.Quantity)).ToList(),
        body.Reference,
        body.HoldForSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);

    /// <summary>
    /// Runs <paramref name="call"/> only while Inventory owns stock: a plain read refuses early, and the write
    /// handlers' fence refuses a call that raced a cutover (nothing was written then).
    /// </summary>
    private static async Task<IResult> OwnerOnlyAsync<T>(HttpContext http, Func<ModuleMediator<InventoryDbContext>, Task<T>> call, CancellationToken ct)
    {
        var services = http.RequestServices;
        var owner = await services.GetRequiredService<InventoryDbContext>().ReadStockOwnerAsync(ct);
        if (owner != StockOwner.Inventory)
        {
            throw InternalStockRequests.OwnerMoved(new StockOwnerMovedException(owner));
        }

        try
        {
            return Results.Ok(await call(services.GetRequiredService<ModuleMediator<InventoryDbContext>>()));
        }
        catch (StockOwnerMovedException moved)
        {
            throw InternalStockRequests.OwnerMoved(moved);
        }
    }
}
