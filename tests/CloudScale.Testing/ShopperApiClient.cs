using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudScale.Testing;

/// <summary>
/// Drives the shopper HTTP API at the JSON level, with no reference to any implementation's types, so the same
/// scenarios can run against the legacy monolith, the modular host or the proxy in front of either.
/// </summary>
public sealed class ShopperApiClient(HttpClient http, string? shopperId = null)
{
    public const string ApprovedCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";
    public const string InsufficientFundsCard = "4000000000009995";
    public const string GatewayErrorCard = "4000000000000119";

    public HttpClient Http { get; } = http;

    public string? ShopperId { get; } = shopperId;

    public static object Address { get; } = new
    {
        name = "Ada Lovelace", line1 = "12 Analytical Way", city = "London", postalCode = "N1 9GU", country = "GB",
    };

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> PostJsonAsync(string path, object? body, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body), idempotencyKey);

    public Task<ApiResponse> PostRawAsync(string path, string raw, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, new StringContent(raw, Encoding.UTF8, contentType));

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        if (ShopperId is not null)
        {
            request.Headers.Add("X-Shopper-Id", ShopperId);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }

    // The happy-path steps every scenario needs; each asserts its own success so a failing step names itself.

    public async Task<string> CreateCartAsync()
    {
        var response = await PostJsonAsync("/api/v1/carts", new { shopperId = ShopperId });
        return response.Expect(HttpStatusCode.Created).Str("cartId");
    }

    public async Task<JsonNode> AddItemAsync(string cartId, string productId, int quantity)
    {
        var response = await PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId, quantity });
        return response.Expect(HttpStatusCode.OK).Json!;
    }

    public async Task<string> RegisterCardAsync(string cardNumber = ApprovedCard)
    {
        var response = await PostJsonAsync("/api/v1/payment-methods", new
        {
            cardNumber, expMonth = 12, expYear = DateTime.UtcNow.Year + 3, cvc = "123", holderName = "Ada Lovelace",
        });
        return response.Expect(HttpStatusCode.Created).Str("paymentMethodId");
    }

    public async Task<string> StartCheckoutAsync(string cartId, string paymentMethodId)
    {
        var response = await PostJsonAsync("/api/v1/checkouts", new { cartId, shippingAddress = Address, paymentMethodId });
        return response.Expect(HttpStatusCode.Created).Str("checkoutSessionId");
    }

    public Task<ApiResponse> CompleteAsync(string checkoutSessionId, string? idempotencyKey = null) =>
        PostJsonAsync($"/api/v1/checkouts/{checkoutSessionId}/complete", null, idempotencyKey ?? Guid.NewGuid().ToString());

    /// <summary>Cart with the given lines → card → checkout session, ready to complete.</summary>
    public async Task<string> PrepareCheckoutAsync(string cardNumber, params (string ProductId, int Quantity)[] lines)
    {
        var cartId = await CreateCartAsync();
        foreach (var (productId, quantity) in lines)
        {
            await AddItemAsync(cartId, productId, quantity);
        }

        return await StartCheckoutAsync(cartId, await RegisterCardAsync(cardNumber));
    }
}

/// <summary>A response read fully: status, headers, body text and (when it is JSON) the parsed body.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string Body, JsonNode? Json, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = body.Length > 0 ? JsonNode.Parse(body) : null;
        }
        catch (JsonException)
        {
            // Not JSON; Body still holds the text.
        }

        var headers = response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse(response.StatusCode, body, json, response.Content.Headers.ContentType?.MediaType, headers);
    }

    /// <summary>The problem's stable <c>code</c>, or null when the body is not a problem.</summary>
    public string? ProblemCode => Json?["code"]?.GetValue<string>();

    public ApiResponse Expect(HttpStatusCode status)
    {
        Xunit.Assert.True(Status == status, $"expected {(int)status} {status}, got {(int)Status} {Status}: {Body}");
        return this;
    }

    /// <summary>Asserts a 4xx/5xx RFC 7807 problem with the given status and code.</summary>
    public ApiResponse ExpectProblem(HttpStatusCode status, string code)
    {
        Expect(status);
        Xunit.Assert.Equal("application/problem+json", ContentType);
        Xunit.Assert.Equal(code, ProblemCode);
        Xunit.Assert.Equal((int)status, Json!["status"]!.GetValue<int>());
        return this;
    }

    public string Str(string property) => Json?[property]?.GetValue<string>()
                                          ?? throw new Xunit.Sdk.XunitException($"response has no string '{property}': {Body}");
}
