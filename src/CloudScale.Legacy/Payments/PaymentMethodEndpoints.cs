using CloudScale.BuildingBlocks.ShopperApi;

namespace CloudScale.Legacy.Payments;

internal static class PaymentMethodEndpoints
{
    public static void MapPaymentMethodEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/payment-methods", async (RegisterPaymentMethodRequest? body, HttpContext http, PaymentMethodService methods, CancellationToken ct) =>
        {
            var created = await methods.RegisterAsync(http, body, ct);
            return Results.Created($"/api/v1/payment-methods/{created.PaymentMethodId}", created);
        });
}
