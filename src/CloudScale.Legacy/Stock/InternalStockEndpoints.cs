using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Legacy.Catalog;

namespace CloudScale.Legacy.Stock;

/// <summary>
/// The internal stock API (<see cref="InternalStockApi"/>) served while legacy owns stock: the Inventory module's
/// adapter reserves through it. Once a cutover moved stock away every endpoint answers 409
/// <see cref="InternalStockApi.OwnerMovedCode"/>, so the caller re-reads the owner and goes there.
/// </summary>
internal static class InternalStockEndpoints
{
    public static void MapInternalStockEndpoints(this WebApplication app)
    {
        var stock = app.MapGroup(InternalStockApi.Prefix).AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (StockOwnerMovedException moved)
            {
                throw InternalStockRequests.OwnerMoved(moved);
            }
        });

        stock.MapGet("/levels/{productId}", async (string productId, LocalStockOwner owner, CancellationToken ct) =>
        {
            var id = Ids.ParseRoute(productId, CatalogService.ProductNotFound, "product");
            return await owner.GetLevelAsync(id, ct) ?? throw ApiException.NotFound(CatalogService.ProductNotFound, $"No product with id '{id}'.");
        });

        stock.MapPost("/levels", async (InternalAvailabilityRequest? body, LocalStockOwner owner, CancellationToken ct) =>
        {
            InternalStockRequests.Validate(body);
            return new InternalAvailabilityResponse(await owner.GetLevelsAsync(body!.ProductIds, ct));
        });

        stock.MapPost("/reservations", async (InternalReserveRequest? body, LocalStockOwner owner, CancellationToken ct) =>
        {
            InternalStockRequests.Validate(body);
            return await owner.ReserveAsync(body!, ct);
        });

        stock.MapPost("/reservations/{reservationId}/commit", async (string reservationId, LocalStockOwner owner, CancellationToken ct) =>
            await owner.CommitAsync(InternalStockRequests.ReservationId(reservationId), ct));

        stock.MapPost("/reservations/{reservationId}/release", async (string reservationId, InternalReleaseRequest? body, LocalStockOwner owner, CancellationToken ct) =>
        {
            var id = InternalStockRequests.ReservationId(reservationId);
            return await owner.ReleaseAsync(id, InternalStockRequests.ReleaseReason(body), ct);
        });
    }
}
