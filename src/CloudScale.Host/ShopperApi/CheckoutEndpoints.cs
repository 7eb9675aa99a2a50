using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Checkout.Contracts;

namespace CloudScale.Host.ShopperApi;

internal static class CheckoutEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string CheckoutNotFound = "checkout_not_found";

    public static void MapCheckoutEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/checkouts", async (StartCheckoutRequest? body, ICheckoutModule checkout, CancellationToken ct) =>
        {
            var request = RequestBody.Required(body, "{cartId, shippingAddress, paymentMethodId}");
            var started = await checkout.StartCheckoutAsync(
                new StartCheckout(request.CartId, request.ShippingAddress.ToContract(), request.PaymentMethodId), ct);
            return Results.Created($"/api/v1/checkouts/{started.CheckoutSessionId}", started.ToDto());
        });

        api.MapPost("/checkouts/{checkoutSessionId}/complete", async (string checkoutSessionId, HttpContext http, ICheckoutModule checkout, CancellationToken ct) =>
        {
            var sessionId = Ids.ParseRoute(checkoutSessionId, CheckoutNotFound, "checkout session");
            var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
            if (key.Length is 0 or > 200)
            {
                throw new ApiException(400, "idempotency_key_required",
                    $"Send an {IdempotencyKeyHeader} header (1..200 characters, e.g. a UUID) so a retried completion cannot charge twice.");
            }

            return CompletionResult(http, await checkout.CompleteCheckoutAsync(sessionId, key, ct));
        });
    }

    /// <summary>
    /// A completion as the shopper API answers it. Failures are problems whose <c>checkoutStatus</c> says how the
    /// checkout ended; they carry the first attempt's correlation id, so a replay under the same key is identical.
    /// </summary>
    public static IResult CompletionResult(HttpContext http, CheckoutCompletion completion)
    {
        if (completion.Status == Statuses.Confirmed)
        {
            return Results.Json(new CheckoutCompletedDto(completion.OrderId!.Value, completion.Status));
        }

        var status = completion.Status switch
        {
            Statuses.OutOfStock => StatusCodes.Status409Conflict,
            Statuses.PaymentDeclined => StatusCodes.Status402PaymentRequired,
            _ => StatusCodes.Status502BadGateway,
        };
        var extensions = new Dictionary<string, object?> { ["checkoutStatus"] = completion.Status };
        if (completion.CorrelationId is { } correlationId)
        {
            extensions["correlationId"] = correlationId;
        }

        if (completion.ProductIds.Count > 0)
        {
            extensions["productIds"] = completion.ProductIds.ToArray();
        }

        var problem = ApiProblem.Create(http, status, completion.Code ?? "checkout_failed", completion.Detail ?? $"The checkout ended {completion.Status}.", extensions: extensions);
        return Results.Problem(problem);
    }
}
