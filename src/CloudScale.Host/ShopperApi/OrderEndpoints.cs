using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Checkout.Contracts;

namespace CloudScale.Host.ShopperApi;

internal static class OrderEndpoints
{
    public const string OrderNotFound = "order_not_found";

    public static void MapOrderEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/orders/{orderId}", async (string orderId, ICheckoutModule checkout, CancellationToken ct) =>
            (await checkout.GetOrderAsync(ParseOrderId(orderId), ct)).ToDto());
        api.MapGet("/orders", async (string? shopperId, ICheckoutModule checkout, CancellationToken ct) =>
            new OrderListDto((await checkout.ListOrdersAsync(shopperId, ct)).Select(order => order.ToDto()).ToList()));
        api.MapPost("/orders/{orderId}/refund", async (string orderId, ICheckoutModule checkout, CancellationToken ct) =>
        {
            var refund = await checkout.RefundOrderAsync(ParseOrderId(orderId), ct);
            return new RefundResultDto(refund.OrderId, refund.Status, refund.RefundedCents);
        });
    }

    private static Guid ParseOrderId(string raw) => Ids.ParseRoute(raw, OrderNotFound, "order");
}
