using System.Net;
using System.Text;
using CloudScale.Testing;

namespace CloudScale.EndToEnd;

/// <summary>Whatever a caller sends, the answer is a 4xx problem with a stable code, and nothing changes.</summary>
public sealed class BadInputThroughProxyTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private const string UnknownId = "6a1c5e0e-9d2b-4f4e-9a53-2f1d7a0c9b11";

    public static TheoryData<string, string, HttpStatusCode, string> CartMutations => new()
    {
        { "malformed JSON", """{"productId": "x", "quantity": """, HttpStatusCode.BadRequest, "malformed_json" },
        { "wrong JSON type", """{"productId": "{product}", "quantity": "two"}""", HttpStatusCode.BadRequest, "malformed_json" },
        { "quantity 0", """{"productId": "{product}", "quantity": 0}""", HttpStatusCode.BadRequest, "validation_failed" },
        { "quantity 10000", """{"productId": "{product}", "quantity": 10000}""", HttpStatusCode.BadRequest, "validation_failed" },
        { "missing quantity", """{"productId": "{product}"}""", HttpStatusCode.BadRequest, "validation_failed" },
        { "unknown product", $$"""{"productId": "{{UnknownId}}", "quantity": 1}""", HttpStatusCode.NotFound, "product_not_found" },
        { "product id not a UUID", """{"productId": "kettle", "quantity": 1}""", HttpStatusCode.BadRequest, "validation_failed" },
        { "oversized body", "{\"productId\": \"{product}\", \"quantity\": 1, \"pad\": \"" + new string('x', 200_000) + "\"}", HttpStatusCode.RequestEntityTooLarge, "payload_too_large" },
    };

    [Theory]
    [MemberData(nameof(CartMutations))]
    public async Task Bad_cart_changes_are_refused_and_leave_the_cart_as_it_was(string because, string body, HttpStatusCode status, string code)
    {
        var productId = await stack.Data.TakeProductAsync(onHand: 50);
        var shopper = stack.NewShopper();
        var cartId = await shopper.CreateCartAsync();
        await shopper.AddItemAsync(cartId, productId, 2);

        var response = await shopper.PostRawAsync($"/api/v1/carts/{cartId}/items", body.Replace("{product}", productId));

        response.ExpectProblem(status, code);
        Assert.False(string.IsNullOrEmpty(response.Str("detail")), because);
        Assert.Equal(2, await stack.Data.CartQuantityAsync(cartId));
        Assert.Equal(50, await stack.Data.OnHandAsync(productId));
    }

    [Theory]
    [InlineData("POST", "/api/v1/carts/" + UnknownId + "/items", "cart_not_found")]
    [InlineData("GET", "/api/v1/carts/" + UnknownId, "cart_not_found")]
    [InlineData("GET", "/api/v1/carts/not-a-cart", "cart_not_found")]
    [InlineData("DELETE", "/api/v1/carts/" + UnknownId + "/items/" + UnknownId, "cart_not_found")]
    [InlineData("POST", "/api/v1/checkouts/" + UnknownId + "/complete", "checkout_not_found")]
    [InlineData("GET", "/api/v1/orders/" + UnknownId, "order_not_found")]
    [InlineData("GET", "/api/v1/no-such-endpoint", "not_found")]
    public async Task Unknown_ids_are_404_problems(string method, string path, string code)
    {
        var content = method == "POST" ? new StringContent("""{"productId":"6a1c5e0e-9d2b-4f4e-9a53-2f1d7a0c9b11","quantity":1}""", Encoding.UTF8, "application/json") : null;
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')) { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var raw = await stack.NewShopper().Http.SendAsync(request);

        (await ApiResponse.ReadAsync(raw)).ExpectProblem(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task A_checkout_with_an_invalid_address_is_refused_and_no_session_is_made()
    {
        var productId = await stack.Data.TakeProductAsync(onHand: 5);
        var shopper = stack.NewShopper();
        var cartId = await shopper.CreateCartAsync();
        await shopper.AddItemAsync(cartId, productId, 1);
        var card = await shopper.RegisterCardAsync();

        var response = await shopper.PostJsonAsync("/api/v1/checkouts", new
        {
            cartId, paymentMethodId = card, shippingAddress = new { name = "Ada\0", line1 = "", city = "London", postalCode = "N1", country = "Britain" },
        });

        response.ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(response.Json!["errors"]!["shippingAddress.name"]);
        Assert.NotNull(response.Json!["errors"]!["shippingAddress.line1"]);
        Assert.NotNull(response.Json!["errors"]!["shippingAddress.country"]);
        Assert.Equal(0, await stack.Data.CountAsync("checkout_sessions", "cart_id = @id", ("id", Guid.Parse(cartId))));
    }

    [Fact]
    public async Task A_checked_out_cart_cannot_change()
    {
        var productId = await stack.Data.TakeProductAsync(onHand: 5);
        var shopper = stack.NewShopper();
        var cartId = await shopper.CreateCartAsync();
        await shopper.AddItemAsync(cartId, productId, 1);
        (await shopper.CompleteAsync(await shopper.StartCheckoutAsync(cartId, await shopper.RegisterCardAsync()))).Expect(HttpStatusCode.OK);

        (await shopper.PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId, quantity = 1 }))
            .ExpectProblem(HttpStatusCode.Conflict, "cart_not_open");
        (await shopper.DeleteAsync($"/api/v1/carts/{cartId}/items/{productId}")).ExpectProblem(HttpStatusCode.Conflict, "cart_not_open");
        Assert.Equal(1, await stack.Data.CartQuantityAsync(cartId));
    }
}
