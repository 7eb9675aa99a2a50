using System.Net.Http.Json;
using System.Text.Json;

namespace CloudScale.Cli.Bench;

/// <summary>
/// One shopper's purchase as the benchmark repeats it against an implementation of the shopper API: create a cart,
/// add three products, start the checkout, complete it. Each worker is one shopper with a card registered up front.
/// </summary>
internal sealed class CheckoutJourney(HttpClient client, Uri api, IReadOnlyList<string> productIds)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>A new shopper with a registered approving card, ready to buy in a loop.</summary>
    public async Task<Func<CancellationToken, Task<bool>>> ShopperAsync(int worker, CancellationToken cancellationToken)
    {
        var shopperId = $"shp_bench_{worker}_{Guid.NewGuid():N}"[..40];
        using var registered = await SendAsync(shopperId, "api/v1/payment-methods", new
        {
            cardNumber = "4242424242424242", expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123", holderName = "Bench Shopper",
        }, null, cancellationToken);
        var paymentMethodId = await IdAsync(registered, "paymentMethodId", cancellationToken);
        var random = new Random(worker);
        return ct => BuyAsync(shopperId, paymentMethodId, random, ct);
    }

    private async Task<bool> BuyAsync(string shopperId, string paymentMethodId, Random random, CancellationToken cancellationToken)
    {
        using var cart = await SendAsync(shopperId, "api/v1/carts", new { }, null, cancellationToken);
        var cartId = await IdAsync(cart, "cartId", cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            using var added = await SendAsync(shopperId, $"api/v1/carts/{cartId}/items", new { productId = productIds[random.Next(productIds.Count)], quantity = 1 }, null, cancellationToken);
            if (!added.IsSuccessStatusCode)
            {
                return false;
            }
        }

        using var started = await SendAsync(shopperId, "api/v1/checkouts", new
        {
            cartId, paymentMethodId,
            shippingAddress = new { name = "Bench Shopper", line1 = "1 Load Street", city = "Testville", postalCode = "12345", country = "US" },
        }, null, cancellationToken);
        var sessionId = await IdAsync(started, "checkoutSessionId", cancellationToken);
        using var completed = await SendAsync(shopperId, $"api/v1/checkouts/{sessionId}/complete", null, Guid.NewGuid().ToString(), cancellationToken);
        return completed.IsSuccessStatusCode;
    }

    private async Task<HttpResponseMessage> SendAsync(string shopperId, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api, path)) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        request.Headers.Add("X-Shopper-Id", shopperId);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, cancellationToken);
    }

    private static async Task<string> IdAsync(HttpResponseMessage response, string property, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return json.GetProperty(property).GetString()!;
    }
}
