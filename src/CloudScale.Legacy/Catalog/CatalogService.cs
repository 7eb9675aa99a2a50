using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Legacy.Stock;
using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Catalog;

internal sealed class CatalogService(NpgsqlDataSource dataSource, LegacyStockGateway stock)
{
    public const string ProductNotFound = "product_not_found";
    public const int MaxPageSize = 100;

    private const string ProductColumns =
        "product_id AS ProductId, sku AS Sku, name AS Name, description AS Description, price_cents AS PriceCents, currency AS Currency";

    public async Task<ProductPageDto> ListProductsAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var p = page ?? 1;
        var size = pageSize ?? 20;
        new FieldErrors()
            .Check(p >= 1, "page", $"page must be 1 or more, got {p}")
            .Check(size is >= 1 and <= MaxPageSize, "pageSize", $"pageSize must be 1..{MaxPageSize}, got {size}")
            .ThrowIfAny();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var total = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM legacy.products");
        var items = await connection.QueryAsync<ProductDto>(
            $"SELECT {ProductColumns} FROM legacy.products ORDER BY sku LIMIT @size OFFSET @offset",
            new { size, offset = (long)(p - 1) * size });
        return new ProductPageDto(items.AsList(), p, size, total);
    }

    public async Task<ProductDto> GetProductAsync(Guid productId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ProductDto>(
                   $"SELECT {ProductColumns} FROM legacy.products WHERE product_id = @productId", new { productId })
               ?? throw ApiException.NotFound(ProductNotFound, $"No product with id '{productId}'.");
    }

    /// <summary>Stock as its owner sees it (legacy's own rows, or the Inventory module once it owns stock).</summary>
    public async Task<StockLevelDto> GetStockAsync(Guid productId, CancellationToken ct)
    {
        var level = await stock.GetLevelAsync(productId, ct);
        return level is not null
            ? new StockLevelDto(productId, level.OnHand, level.Reserved, level.Available)
            : throw ApiException.NotFound(ProductNotFound, $"No product with id '{productId}'.");
    }
}
