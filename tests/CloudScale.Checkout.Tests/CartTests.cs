using CloudScale.BuildingBlocks.Http;
using CloudScale.Testing;
using StackExchange.Redis;

namespace CloudScale.Checkout.Tests;

/// <summary>The modules with the cart cache on the dev Redis.</summary>
public sealed class CachedModulesFixture : ModulesFixture
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Checkout:Redis"] = TestInfrastructure.RedisEndpoint };
}

public sealed class CartTests(CachedModulesFixture fixture) : IClassFixture<CachedModulesFixture>
{
    [Fact]
    public async Task A_write_after_a_cached_read_is_visible_on_the_next_read()
    {
        var first = await fixture.NewProductAsync(onHand: 50);
        var second = await fixture.NewProductAsync(onHand: 50);
        var cart = await fixture.Checkout(c => c.CreateCartAsync(ShopperId.New(), CancellationToken.None));
        await fixture.Checkout(c => c.AddItemAsync(cart.CartId, first.ToString(), 1, CancellationToken.None));
        await fixture.Checkout(c => c.GetCartAsync(cart.CartId, CancellationToken.None));
        Assert.True(await CachedAsync(cart.CartId), "the read should have filled the cache");

        await fixture.Checkout(c => c.AddItemAsync(cart.CartId, second.ToString(), 2, CancellationToken.None));
        var afterAdd = await fixture.Checkout(c => c.GetCartAsync(cart.CartId, CancellationToken.None));
        await fixture.Checkout(c => c.RemoveItemAsync(cart.CartId, first, CancellationToken.None));
        var afterRemove = await fixture.Checkout(c => c.GetCartAsync(cart.CartId, CancellationToken.None));

        Assert.Equal([first, second], afterAdd.Items.Select(i => i.ProductId));
        Assert.Equal([second], afterRemove.Items.Select(i => i.ProductId));
    }

    [Fact]
    public async Task Adding_the_same_product_twice_adds_up_keeps_its_place_and_removing_it_twice_is_cart_item_not_found()
    {
        var first = await fixture.NewProductAsync(onHand: 50, priceCents: 250);
        var second = await fixture.NewProductAsync(onHand: 50, priceCents: 100);
        var cart = await fixture.Checkout(c => c.CreateCartAsync(null, CancellationToken.None));

        await fixture.Checkout(c => c.AddItemAsync(cart.CartId, first.ToString(), 2, CancellationToken.None));
        await fixture.Checkout(c => c.AddItemAsync(cart.CartId, second.ToString(), 1, CancellationToken.None));
        var added = await fixture.Checkout(c => c.AddItemAsync(cart.CartId, first.ToString(), 3, CancellationToken.None));
        await fixture.Checkout(c => c.RemoveItemAsync(cart.CartId, first, CancellationToken.None));
        var again = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c => c.RemoveItemAsync(cart.CartId, first, CancellationToken.None)));

        Assert.Equal([(first, 5), (second, 1)], added.Cart.Items.Select(i => (i.ProductId, i.Quantity)));
        Assert.Equal(1350, added.Cart.SubtotalCents);
        Assert.Equal(("OPEN", "USD"), (added.Cart.Status, added.Cart.Currency));
        Assert.Equal((404, "cart_item_not_found"), (again.Status, again.Code));
    }

    [Fact]
    public async Task More_than_999_units_of_one_product_in_total_are_refused_and_the_line_keeps_its_quantity()
    {
        var productId = await fixture.NewProductAsync(onHand: 50);
        var cart = await fixture.Checkout(c => c.CreateCartAsync(null, CancellationToken.None));
        await fixture.Checkout(c => c.AddItemAsync(cart.CartId, productId.ToString(), 600, CancellationToken.None));

        var problem = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c => c.AddItemAsync(cart.CartId, productId.ToString(), 400, CancellationToken.None)));

        Assert.Equal((400, "validation_failed"), (problem.Status, problem.Code));
        Assert.Equal(600, (await fixture.Checkout(c => c.GetCartAsync(cart.CartId, CancellationToken.None))).Items.Single().Quantity);
    }

    [Fact]
    public async Task Adding_more_than_is_in_stock_is_allowed_but_reported_as_unavailable()
    {
        var scarce = await fixture.NewProductAsync(onHand: 2);
        var unstocked = fixture.Catalog.Add("Never stocked", 100);
        var cart = await fixture.Checkout(c => c.CreateCartAsync(null, CancellationToken.None));

        var some = await fixture.Checkout(c => c.AddItemAsync(cart.CartId, scarce.ToString(), 3, CancellationToken.None));
        var none = await fixture.Checkout(c => c.AddItemAsync(cart.CartId, unstocked.ToString(), 1, CancellationToken.None));
        var fine = await fixture.Checkout(c => c.AddItemAsync(cart.CartId, scarce.ToString(), 1, CancellationToken.None));

        Assert.Equal((false, "only 2 in stock"), (some.Available, some.UnavailableReason));
        Assert.Equal((false, "out of stock"), (none.Available, none.UnavailableReason));
        Assert.False(fine.Available);
    }

    [Fact]
    public async Task Bad_input_is_named_field_by_field_and_unknown_things_are_not_found()
    {
        var cart = await fixture.Checkout(c => c.CreateCartAsync(null, CancellationToken.None));

        var invalid = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c => c.AddItemAsync(cart.CartId, "nope", 0, CancellationToken.None)));
        var unknownProduct = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c => c.AddItemAsync(cart.CartId, Guid.NewGuid().ToString(), 1, CancellationToken.None)));
        var unknownCart = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c => c.GetCartAsync(Guid.NewGuid(), CancellationToken.None)));
        var badShopper = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c => c.CreateCartAsync("has spaces", CancellationToken.None)));

        Assert.Equal(["productId", "quantity"], invalid.Errors!.Keys.Order());
        Assert.Equal("quantity must be 1..999, got 0", invalid.Errors["quantity"].Single());
        Assert.Equal((404, "product_not_found"), (unknownProduct.Status, unknownProduct.Code));
        Assert.Equal((404, "cart_not_found"), (unknownCart.Status, unknownCart.Code));
        Assert.Equal((400, "validation_failed"), (badShopper.Status, badShopper.Code));
    }

    private static async Task<bool> CachedAsync(Guid cartId)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.RedisEndpoint);
        return await redis.GetDatabase().KeyExistsAsync("checkout:cart:" + cartId.ToString("N"));
    }
}
