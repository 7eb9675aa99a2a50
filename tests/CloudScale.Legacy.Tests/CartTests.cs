using System.Net;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Legacy.Tests;

/// <summary>Legacy on a clock the tests move, so cart expiry can be reached without waiting a week.</summary>
public sealed class ManualClockFixture : LegacyFixture
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton<TimeProvider>(Clock);
}

public sealed class CartTests(ManualClockFixture fixture) : IClassFixture<ManualClockFixture>
{
    [Fact]
    public async Task Adding_the_same_product_twice_adds_up_and_removing_it_empties_the_line()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 50);
        var shopper = fixture.NewShopper();
        var cartId = await shopper.CreateCartAsync();

        await shopper.AddItemAsync(cartId, productId, 2);
        var added = await shopper.AddItemAsync(cartId, productId, 3);
        var removed = (await shopper.DeleteAsync($"/api/v1/carts/{cartId}/items/{productId}")).Expect(HttpStatusCode.OK).Json!;
        var again = await shopper.DeleteAsync($"/api/v1/carts/{cartId}/items/{productId}");

        Assert.Equal(5, added["cart"]!["items"]![0]!["quantity"]!.GetValue<int>());
        Assert.Empty(removed["items"]!.AsArray());
        again.ExpectProblem(HttpStatusCode.NotFound, "cart_item_not_found");
    }

    [Fact]
    public async Task More_than_999_units_of_one_product_in_total_are_refused_and_the_line_keeps_its_quantity()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 50);
        var shopper = fixture.NewShopper();
        var cartId = await shopper.CreateCartAsync();
        await shopper.AddItemAsync(cartId, productId, 600);

        (await shopper.PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId, quantity = 400 }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(600, await fixture.Data.CartQuantityAsync(cartId));
    }

    [Fact]
    public async Task Adding_more_than_is_in_stock_is_allowed_but_reported_as_unavailable()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 2);
        var shopper = fixture.NewShopper();
        var cartId = await shopper.CreateCartAsync();

        var result = await shopper.AddItemAsync(cartId, productId, 3);

        Assert.False(result["available"]!.GetValue<bool>());
        Assert.Equal("only 2 in stock", result["unavailableReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cart_left_alone_for_a_week_reads_as_expired_and_refuses_changes()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 50);
        var shopper = fixture.NewShopper();
        var cartId = await shopper.CreateCartAsync();
        await shopper.AddItemAsync(cartId, productId, 1);

        fixture.Clock.Now += TimeSpan.FromDays(8);
        try
        {
            Assert.Equal("EXPIRED", (await shopper.GetAsync($"/api/v1/carts/{cartId}")).Str("status"));
            (await shopper.PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId, quantity = 1 }))
                .ExpectProblem(HttpStatusCode.Gone, "cart_expired");
        }
        finally
        {
            fixture.Clock.Now -= TimeSpan.FromDays(8);
        }

        Assert.Equal(1, await fixture.Data.CartQuantityAsync(cartId));
    }

    [Fact]
    public async Task A_body_naming_another_shopper_than_the_header_is_refused()
    {
        var shopper = fixture.NewShopper();
        var before = await fixture.Data.CountAsync("carts");

        var response = await shopper.PostJsonAsync("/api/v1/carts", new { shopperId = ShopperId.New() });

        response.ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(before, await fixture.Data.CountAsync("carts"));
    }
}
