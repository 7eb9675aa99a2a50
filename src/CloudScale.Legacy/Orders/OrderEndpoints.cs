using CloudScale.BuildingBlocks.ShopperApi;

namespace CloudScale.Legacy.Orders;

internal static class OrderEndpoints
{
    public static void MapOrderEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/orders/{orderId}", (string orderId, OrderService orders, CancellationToken ct) =>
            orders.GetAsync(ParseOrderId(orderId), ct));
        api.MapGet("/orders", (string? shopperId, OrderService orders, CancellationToken ct) =>
            orders.ListForShopperAsync(shopperId, ct));
        api.MapPost("/orders/{orderId}/refund", (string orderId, OrderService orders, CancellationToken ct) =>
            orders.RefundAsync(ParseOrderId(orderId), ct));
    }

    private static Guid ParseOrderId(string raw) => Ids.ParseRoute(raw, OrderService.OrderNotFound, "order");
}
