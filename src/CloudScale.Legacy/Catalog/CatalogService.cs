using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Catalog;

internal sealed class CatalogService(NpgsqlDataSource dataSource)
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

    public async Task<StockLevelDto> GetStockAsync(Guid productId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var stock = await FindStockAsync(connection, null, productId);
        return stock is not null
            ? new StockLevelDto(productId, stock.OnHand, stock.Reserved, stock.OnHand - stock.Reserved)
            : throw ApiException.NotFound(ProductNotFound, $"No product with id '{productId}'.");
    }

    public static Task<StockRow?> FindStockAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid productId) =>
        connection.QuerySingleOrDefaultAsync<StockRow?>(
            "SELECT on_hand AS OnHand, reserved AS Reserved FROM legacy.stock_levels WHERE product_id = @productId", new { productId }, transaction);

    internal sealed record StockRow(int OnHand, int Reserved);
}
