using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Payment.Contracts;

namespace CloudScale.Host.ShopperApi;

internal static class PaymentMethodEndpoints
{
    public static void MapPaymentMethodEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/payment-methods", async (RegisterPaymentMethodRequest? body, HttpContext http, IPaymentModule payment, CancellationToken ct) =>
        {
            var card = RequestBody.Required(body, "{cardNumber, expMonth, expYear, cvc, holderName}");
            // Payment validates the header's shopper id itself (it reports it under the header's name, as legacy does).
            var header = http.Request.Headers[ShopperId.HeaderName].ToString();
            var method = await payment.RegisterPaymentMethodAsync(
                new RegisterPaymentMethod(header.Length > 0 ? header : null, card.CardNumber, card.ExpMonth, card.ExpYear, card.Cvc, card.HolderName), ct);
            return Results.Created($"/api/v1/payment-methods/{method.PaymentMethodId}", new PaymentMethodDto(method.PaymentMethodId, method.Brand, method.Last4));
        });
}
