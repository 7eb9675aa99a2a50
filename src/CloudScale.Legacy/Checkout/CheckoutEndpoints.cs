using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;

namespace CloudScale.Legacy.Checkout;

internal static class CheckoutEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void MapCheckoutEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/checkouts", async (StartCheckoutRequest? body, CheckoutService checkouts, CancellationToken ct) =>
        {
            var started = await checkouts.StartAsync(body, ct);
            return Results.Created($"/api/v1/checkouts/{started.CheckoutSessionId}", started);
        });

        api.MapPost("/checkouts/{checkoutSessionId}/complete", async (string checkoutSessionId, HttpContext http, CheckoutService checkouts, CancellationToken ct) =>
        {
            var sessionId = Ids.ParseRoute(checkoutSessionId, CheckoutService.CheckoutNotFound, "checkout session");
            var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
            if (key.Length is 0 or > 200)
            {
                throw new ApiException(400, "idempotency_key_required",
                    $"Send an {IdempotencyKeyHeader} header (1..200 characters, e.g. a UUID) so a retried completion cannot charge twice.");
            }

            var outcome = await checkouts.CompleteAsync(http, sessionId, key, ct);
            return Results.Text(outcome.Body, outcome.ContentType, statusCode: outcome.StatusCode);
        });
    }
}
