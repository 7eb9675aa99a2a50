using System.Net;

namespace CloudScale.Legacy.Tests;

public sealed class CatalogTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    [Fact]
    public async Task Products_page_through_the_whole_catalog_without_overlap()
    {
        var shopper = fixture.NewShopper();
        var first = (await shopper.GetAsync("/api/v1/products?page=1&pageSize=50")).Expect(HttpStatusCode.OK).Json!;
        var second = (await shopper.GetAsync("/api/v1/products?page=2&pageSize=50")).Expect(HttpStatusCode.OK).Json!;

        Assert.Equal(LegacyFixture.DemoProducts, first["totalCount"]!.GetValue<int>());
        var ids = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(p => p!["productId"]!.GetValue<string>()).ToList();
        Assert.Equal(LegacyFixture.DemoProducts, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    public async Task Out_of_range_paging_is_a_validation_problem(string query)
    {
        var response = await fixture.NewShopper().GetAsync($"/api/v1/products?{query}");
        response.ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_product_and_its_stock_read_back_as_staged()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 7);
        var shopper = fixture.NewShopper();

        var product = (await shopper.GetAsync($"/api/v1/products/{productId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(productId, product.Str("productId"));
        Assert.Equal("USD", product.Str("currency"));

        var stock = (await shopper.GetAsync($"/api/v1/inventory/{productId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(7, stock["onHand"]!.GetValue<int>());
        Assert.Equal(0, stock["reserved"]!.GetValue<int>());
        Assert.Equal(7, stock["available"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/api/v1/products/3f1d8a52-0c55-4a0e-8d3e-0d7c61f7a001")]
    [InlineData("/api/v1/products/not-a-uuid")]
    [InlineData("/api/v1/inventory/3f1d8a52-0c55-4a0e-8d3e-0d7c61f7a001")]
    public async Task Unknown_products_are_product_not_found(string path)
    {
        (await fixture.NewShopper().GetAsync(path)).ExpectProblem(HttpStatusCode.NotFound, "product_not_found");
    }
}
