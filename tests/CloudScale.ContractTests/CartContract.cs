using System.Net;
using CloudScale.ContractTests.Targets;

namespace CloudScale.ContractTests;

public abstract class CartContract(ShopperApiTarget target)
{
    [Fact]
    public async Task A_new_cart_is_open_empty_and_belongs_to_the_shopper()
    {
        var shopper = target.NewShopper();

        var created = (await shopper.PostJsonAsync("/api/v1/carts", new { })).Expect(HttpStatusCode.Created);
        var cart = (await shopper.GetAsync($"/api/v1/carts/{created.Str("cartId")}")).Expect(HttpStatusCode.OK);

        Assert.EndsWith($"/api/v1/carts/{created.Str("cartId")}", created.Headers["Location"]);
        Assert.True(DateTimeOffset.Parse(created.Str("expiresAt")) > target.Clock.GetUtcNow().AddDays(6));
        Assert.Equal("OPEN", cart.Str("status"));
        Assert.Equal(shopper.ShopperId, cart.Str("shopperId"));
        Assert.Empty(cart.Json!["items"]!.AsArray());
        Assert.Equal(0, cart.Json["subtotalCents"]!.GetValue<long>());
        Assert.Equal("USD", cart.Str("currency"));
    }

    [Fact]
    public async Task A_body_shopper_id_that_contradicts_the_header_is_refused()
    {
        var shopper = target.NewShopper();

        (await shopper.PostJsonAsync("/api/v1/carts", new { shopperId = "someone-else" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Adding_the_same_product_twice_adds_up_prices_the_line_and_removing_it_empties_the_cart()
    {
        var productId = await target.ProductWithStockAsync(50);
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();

        await shopper.AddItemAsync(cartId, productId, 2);
        var added = await shopper.AddItemAsync(cartId, productId, 3);
        var line = added["cart"]!["items"]![0]!;
        var removed = (await shopper.DeleteAsync($"/api/v1/carts/{cartId}/items/{productId}")).Expect(HttpStatusCode.OK).Json!;
        var again = await shopper.DeleteAsync($"/api/v1/carts/{cartId}/items/{productId}");

        Assert.True(added["available"]!.GetValue<bool>());
        Assert.Null(added["unavailableReason"]);
        Assert.Equal(5, line["quantity"]!.GetValue<int>());
        Assert.Equal(line["unitPriceCents"]!.GetValue<long>() * 5, line["lineTotalCents"]!.GetValue<long>());
        Assert.Equal(line["lineTotalCents"]!.GetValue<long>(), added["cart"]!["subtotalCents"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(line["name"]!.GetValue<string>()));
        Assert.Empty(removed["items"]!.AsArray());
        again.ExpectProblem(HttpStatusCode.NotFound, "cart_item_not_found");
    }

    [Fact]
    public async Task Adding_more_than_is_in_stock_is_allowed_but_reported_as_unavailable()
    {
        var scarce = await target.ProductWithStockAsync(2);
        var gone = await target.ProductWithStockAsync(0);
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();

        var some = await shopper.AddItemAsync(cartId, scarce, 3);
        var none = await shopper.AddItemAsync(cartId, gone, 1);

        Assert.False(some["available"]!.GetValue<bool>());
        Assert.Equal("only 2 in stock", some["unavailableReason"]!.GetValue<string>());
        Assert.Equal("out of stock", none["unavailableReason"]!.GetValue<string>());
        Assert.Equal(2, none["cart"]!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task More_than_999_units_of_one_product_are_refused_and_the_line_keeps_its_quantity()
    {
        var productId = await target.ProductWithStockAsync(50);
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();
        await shopper.AddItemAsync(cartId, productId, 600);

        (await shopper.PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId, quantity = 400 }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        var cart = (await shopper.GetAsync($"/api/v1/carts/{cartId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(600, cart.Json!["items"]![0]!["quantity"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(-3)]
    public async Task A_quantity_outside_1_to_999_is_a_validation_problem_naming_the_field(int quantity)
    {
        var productId = await target.ProductWithStockAsync(5);
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();

        var response = await shopper.PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId, quantity });

        response.ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(response.Json!["errors"]!["quantity"]);
    }

    [Fact]
    public async Task A_product_id_that_is_not_a_uuid_is_a_validation_problem_naming_the_field()
    {
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();

        var response = await shopper.PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId = "not-a-uuid", quantity = 1 });

        response.ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(response.Json!["errors"]!["productId"]);
    }

    [Fact]
    public async Task An_unknown_product_is_not_found_and_leaves_the_cart_unchanged()
    {
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();

        (await shopper.PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId = Guid.NewGuid(), quantity = 1 }))
            .ExpectProblem(HttpStatusCode.NotFound, "product_not_found");

        Assert.Empty((await shopper.GetAsync($"/api/v1/carts/{cartId}")).Json!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("3f8c1c9e-0000-4000-8000-000000000000")]
    [InlineData("not-a-uuid")]
    public async Task An_unknown_cart_is_not_found(string cartId)
    {
        var shopper = target.NewShopper();

        (await shopper.GetAsync($"/api/v1/carts/{cartId}")).ExpectProblem(HttpStatusCode.NotFound, "cart_not_found");
        (await shopper.PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId = Guid.NewGuid(), quantity = 1 }))
            .ExpectProblem(HttpStatusCode.NotFound, "cart_not_found");
    }

    [Fact]
    public async Task A_cart_left_alone_for_a_week_reads_as_expired_and_refuses_changes()
    {
        var productId = await target.ProductWithStockAsync(50);
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();
        await shopper.AddItemAsync(cartId, productId, 1);

        target.Clock.Now += TimeSpan.FromDays(8);
        try
        {
            Assert.Equal("EXPIRED", (await shopper.GetAsync($"/api/v1/carts/{cartId}")).Str("status"));
            (await shopper.PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId, quantity = 1 }))
                .ExpectProblem(HttpStatusCode.Gone, "cart_expired");
        }
        finally
        {
            target.Clock.Now -= TimeSpan.FromDays(8);
        }
    }
}

[Collection(LegacyCollection.Name)]
public sealed class LegacyCartContract(LegacyTarget target) : CartContract(target);

[Collection(ModularCollection.Name)]
public sealed class ModularCartContract(ModularTarget target) : CartContract(target);
