using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Legacy.Catalog;
using CloudScale.Legacy.Stock;
using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Carts;

internal sealed class CartService(NpgsqlDataSource dataSource, LegacyStockGateway stock, TimeProvider clock)
{
    public const string CartNotFound = "cart_not_found";
    public const string CartItemNotFound = "cart_item_not_found";
    public const string CartNotOpen = "cart_not_open";
    public const string CartExpired = "cart_expired";
    public const int MaxQuantity = 999;

    // Expiry is derived, not stored: an open cart past expires_at reads as EXPIRED.
    private const string HeaderSql = """
        SELECT cart_id AS CartId, shopper_id AS ShopperId,
               CASE WHEN status = 'OPEN' AND expires_at <= @now THEN 'EXPIRED' ELSE status END AS Status,
               expires_at AS ExpiresAtUtc
        FROM legacy.carts WHERE cart_id = @cartId
        """;

    /// <summary>A cart lives a week past its last change.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<CartCreatedDto> CreateAsync(HttpContext http, string? shopperIdFromBody, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var shopperId = ShopperApiSetup.ResolveShopperId(http, shopperIdFromBody, errors);
        errors.ThrowIfAny();

        var cartId = Guid.NewGuid();
        var expiresAt = clock.GetUtcNow() + Lifetime;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Shoppers.EnsureAsync(connection, transaction, shopperId);
        await connection.ExecuteAsync(
            "INSERT INTO legacy.carts (cart_id, shopper_id, expires_at) VALUES (@cartId, @shopperId, @expiresAt)",
            new { cartId, shopperId, expiresAt }, transaction);
        await transaction.CommitAsync(ct);
        return new CartCreatedDto(cartId, expiresAt);
    }

    public async Task<CartDto> GetAsync(Guid cartId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await LoadAsync(connection, null, cartId, clock.GetUtcNow());
    }

    public async Task<AddCartItemResultDto> AddItemAsync(Guid cartId, AddCartItemRequest? body, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Check(body is not null, "body", "a JSON body {productId, quantity} is required");
        var productId = Ids.ParseField(body?.ProductId, "productId", errors);
        var quantity = body?.Quantity;
        errors.Check(quantity is >= 1 and <= MaxQuantity, "quantity", $"quantity must be 1..{MaxQuantity}, got {quantity?.ToString() ?? "nothing"}");
        errors.ThrowIfAny();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockOpenCartAsync(connection, transaction, cartId);
        // Availability is the stock owner's (an advisory answer: nothing is held until checkout).
        var level = await stock.GetLevelAsync(productId, ct)
                    ?? throw ApiException.NotFound(CatalogService.ProductNotFound, $"No product with id '{productId}'.");

        // The cart row is locked, so the quantity read here cannot change before the upsert below.
        var inCart = await connection.ExecuteScalarAsync<int>(
            "SELECT coalesce(max(quantity), 0) FROM legacy.cart_items WHERE cart_id = @cartId AND product_id = @productId",
            new { cartId, productId }, transaction);
        var newQuantity = inCart + quantity!.Value;
        new FieldErrors()
            .Check(newQuantity <= MaxQuantity, "quantity", $"quantity would make {newQuantity} units of this product in the cart ({inCart} already in it); at most {MaxQuantity}")
            .ThrowIfAny();

        await connection.ExecuteAsync("""
            INSERT INTO legacy.cart_items (cart_id, product_id, quantity) VALUES (@cartId, @productId, @newQuantity)
            ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = excluded.quantity
            """, new { cartId, productId, newQuantity }, transaction);
        await ExtendAsync(connection, transaction, cartId);
        var cart = await LoadAsync(connection, transaction, cartId, clock.GetUtcNow());
        await transaction.CommitAsync(ct);

        var available = level.Available;
        var reason = available >= newQuantity ? null
            : available == 0 ? "out of stock"
            : $"only {available} in stock";
        return new AddCartItemResultDto(cart, reason is null, reason);
    }

    public async Task<CartDto> RemoveItemAsync(Guid cartId, Guid productId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockOpenCartAsync(connection, transaction, cartId);
        var removed = await connection.ExecuteAsync(
            "DELETE FROM legacy.cart_items WHERE cart_id = @cartId AND product_id = @productId", new { cartId, productId }, transaction);
        if (removed == 0)
        {
            throw ApiException.NotFound(CartItemNotFound, $"Cart '{cartId}' has no item for product '{productId}'.");
        }

        await ExtendAsync(connection, transaction, cartId);
        var cart = await LoadAsync(connection, transaction, cartId, clock.GetUtcNow());
        await transaction.CommitAsync(ct);
        return cart;
    }

    /// <summary>Locks the cart row for this transaction and checks that it can still change.</summary>
    public async Task<CartHeader> LockOpenCartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid cartId)
    {
        var header = await connection.QuerySingleOrDefaultAsync<CartHeader>(HeaderSql + " FOR UPDATE", new { cartId, now = clock.GetUtcNow() }, transaction)
                     ?? throw ApiException.NotFound(CartNotFound, $"No cart with id '{cartId}'.");
        return header.Status switch
        {
            Statuses.Open => header,
            Statuses.Expired => throw new ApiException(410, CartExpired, $"Cart '{cartId}' expired at {header.ExpiresAt:O}; create a new cart."),
            _ => throw ApiException.Conflict(CartNotOpen, $"Cart '{cartId}' is {header.Status} and can no longer change."),
        };
    }

    public static async Task<CartDto> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid cartId, DateTimeOffset now)
    {
        var header = await connection.QuerySingleOrDefaultAsync<CartHeader>(HeaderSql, new { cartId, now }, transaction)
                     ?? throw ApiException.NotFound(CartNotFound, $"No cart with id '{cartId}'.");
        var items = (await connection.QueryAsync<LineItemDto>("""
            SELECT i.product_id AS ProductId, p.name AS Name, i.quantity AS Quantity, p.price_cents AS UnitPriceCents,
                   p.price_cents * i.quantity AS LineTotalCents
            FROM legacy.cart_items i JOIN legacy.products p ON p.product_id = i.product_id
            WHERE i.cart_id = @cartId ORDER BY i.added_at, i.product_id
            """, new { cartId }, transaction)).AsList();
        return new CartDto(header.CartId, header.ShopperId, header.Status, items, items.Sum(i => i.LineTotalCents), "USD", header.ExpiresAt);
    }

    /// <summary>Activity on a cart (a change, a checkout started) gives it another <see cref="Lifetime"/>.</summary>
    public async Task ExtendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid cartId) =>
        await connection.ExecuteAsync(
            "UPDATE legacy.carts SET updated_at = now(), expires_at = @expiresAt WHERE cart_id = @cartId",
            new { cartId, expiresAt = clock.GetUtcNow() + Lifetime }, transaction);

    internal sealed record CartHeader(Guid CartId, string? ShopperId, string Status, DateTime ExpiresAtUtc)
    {
        public DateTimeOffset ExpiresAt => new(DateTime.SpecifyKind(ExpiresAtUtc, DateTimeKind.Utc));
    }
}
