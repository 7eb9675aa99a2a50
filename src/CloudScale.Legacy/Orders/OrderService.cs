using System.Text.Json;
using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Legacy.Checkout;
using CloudScale.Legacy.Payments;
using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Orders;

internal sealed class OrderService(NpgsqlDataSource dataSource, IPaymentGateway gateway, ILogger<OrderService> logger)
{
    public const string OrderNotFound = "order_not_found";
    public const string OrderAlreadyRefunded = "order_already_refunded";
    public const int MaxOrdersListed = 100;

    private static JsonSerializerOptions Json => ShopperApiJson.Options;

    public async Task<OrderDto> GetAsync(Guid orderId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await LoadAsync(connection, OrderFilter.ById, new { orderId })).SingleOrDefault()
               ?? throw ApiException.NotFound(OrderNotFound, $"No order with id '{orderId}'.");
    }

    public async Task<OrderListDto> ListForShopperAsync(string? shopperId, CancellationToken ct)
    {
        new FieldErrors().Check(ShopperId.IsValid(shopperId), "shopperId", $"the shopperId query parameter is required: {ShopperId.Rule}").ThrowIfAny();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return new OrderListDto(await LoadAsync(connection, OrderFilter.ByShopper, new { shopperId }));
    }

    public async Task<RefundResultDto> RefundAsync(Guid orderId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var order = await connection.QuerySingleOrDefaultAsync<RefundRow>("""
            SELECT o.status AS Status, p.payment_id AS PaymentId, p.status AS PaymentStatus, p.gateway_reference AS Reference,
                   p.amount_cents AS AmountCents
            FROM legacy.orders o JOIN legacy.payments p ON p.order_id = o.order_id
            WHERE o.order_id = @orderId FOR UPDATE OF o, p
            """, new { orderId }, transaction)
            ?? throw ApiException.NotFound(OrderNotFound, $"No order with id '{orderId}'.");
        if (order.Status == Statuses.Refunded)
        {
            throw ApiException.Conflict(OrderAlreadyRefunded, $"Order '{orderId}' was already refunded.");
        }

        // A payment not captured yet is released rather than refunded. The refund is keyed by the payment, so a retry
        // after an unknown outcome cannot pay out twice; from here on the caller going away cancels nothing.
        try
        {
            await (order.PaymentStatus == Statuses.Authorized
                ? gateway.VoidAsync(order.Reference, CancellationToken.None)
                : gateway.RefundAsync(order.Reference, order.AmountCents, $"refund:{order.PaymentId}", CancellationToken.None));
        }
        catch (PaymentGatewayException ex)
        {
            logger.LogWarning("Refund of order {OrderId} failed at the gateway: {Reason}", orderId, ex.Message);
            throw new ApiException(502, CheckoutService.PaymentGatewayError, "The card gateway is failing; nothing was refunded. Retry later.");
        }

        await connection.ExecuteAsync("""
            UPDATE legacy.payments SET status = @paymentStatus, refunded_cents = amount_cents, updated_at = now() WHERE payment_id = @PaymentId;
            UPDATE legacy.orders SET status = 'REFUNDED', updated_at = now() WHERE order_id = @orderId;
            """, new { order.PaymentId, orderId, paymentStatus = order.PaymentStatus == Statuses.Authorized ? "VOIDED" : "REFUNDED" }, transaction);
        await transaction.CommitAsync(CancellationToken.None);
        return new RefundResultDto(orderId, Statuses.Refunded, order.AmountCents);
    }

    private enum OrderFilter
    {
        ById,
        ByShopper,
    }

    private static async Task<List<OrderDto>> LoadAsync(NpgsqlConnection connection, OrderFilter filter, object parameters)
    {
        var where = filter == OrderFilter.ById ? "o.order_id = @orderId" : "o.shopper_id = @shopperId";
        var headers = (await connection.QueryAsync<OrderRow>($"""
            SELECT o.order_id AS OrderId, o.shopper_id AS ShopperId, o.checkout_session_id AS CheckoutSessionId, o.status AS Status,
                   o.subtotal_cents AS SubtotalCents, o.shipping_cents AS ShippingCents, o.total_cents AS TotalCents,
                   o.currency AS Currency, o.shipping_address::text AS ShippingAddress, o.created_at AS CreatedAt,
                   p.payment_id AS PaymentId, p.status AS PaymentStatus, m.brand AS Brand, m.last4 AS Last4,
                   p.amount_cents AS AmountCents, p.refunded_cents AS RefundedCents
            FROM legacy.orders o
            LEFT JOIN legacy.payments p ON p.order_id = o.order_id
            LEFT JOIN legacy.payment_methods m ON m.payment_method_id = p.payment_method_id
            WHERE {where}
            ORDER BY o.created_at DESC, o.order_id
            LIMIT {MaxOrdersListed}
            """, parameters)).AsList();
        if (headers.Count == 0)
        {
            return [];
        }

        var orderIds = headers.Select(h => h.OrderId).ToArray();
        var lines = (await connection.QueryAsync<OrderLineRow>("""
                SELECT order_id AS OrderId, product_id AS ProductId, product_name AS Name, quantity AS Quantity,
                       unit_price_cents AS UnitPriceCents
                FROM legacy.order_lines WHERE order_id = ANY(@orderIds) ORDER BY order_id, line_no
                """, new { orderIds }))
            .ToLookup(l => l.OrderId, l => new LineItemDto(l.ProductId, l.Name, l.Quantity, l.UnitPriceCents, l.UnitPriceCents * l.Quantity));

        return headers.Select(h => new OrderDto(
                h.OrderId, h.ShopperId, h.CheckoutSessionId, h.Status, lines[h.OrderId].ToList(),
                h.SubtotalCents, h.ShippingCents, h.TotalCents, h.Currency,
                JsonSerializer.Deserialize<AddressDto>(h.ShippingAddress, Json)!,
                h.PaymentId is { } paymentId ? new OrderPaymentDto(paymentId, h.PaymentStatus!, h.Brand!, h.Last4!, h.AmountCents ?? 0, h.RefundedCents ?? 0) : null,
                new DateTimeOffset(DateTime.SpecifyKind(h.CreatedAt, DateTimeKind.Utc))))
            .ToList();
    }

    private sealed record RefundRow(string Status, Guid PaymentId, string PaymentStatus, string Reference, long AmountCents);

    private sealed record OrderLineRow(Guid OrderId, Guid ProductId, string Name, int Quantity, long UnitPriceCents);

    private sealed class OrderRow
    {
        public Guid OrderId { get; init; }
        public string? ShopperId { get; init; }
        public Guid CheckoutSessionId { get; init; }
        public string Status { get; init; } = "";
        public long SubtotalCents { get; init; }
        public long ShippingCents { get; init; }
        public long TotalCents { get; init; }
        public string Currency { get; init; } = "";
        public string ShippingAddress { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public Guid? PaymentId { get; init; }
        public string? PaymentStatus { get; init; }
        public string? Brand { get; init; }
        public string? Last4 { get; init; }
        public long? AmountCents { get; init; }
        public long? RefundedCents { get; init; }
    }
}
