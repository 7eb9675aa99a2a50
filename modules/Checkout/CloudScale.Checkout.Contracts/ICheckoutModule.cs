namespace CloudScale.Checkout.Contracts;

/// <summary>
/// Carts, checkout sessions, orders and the checkout saga. Shopper input arrives as typed (ids as strings, numbers
/// nullable) so Checkout can name every bad field in one <c>validation_failed</c> problem. Refusals carry the shopper
/// API's stable problem codes (<c>cart_not_found</c>, <c>cart_expired</c>, <c>checkout_not_open</c> …).
/// </summary>
public interface ICheckoutModule
{
    /// <param name="ShopperId">The shopper the cart belongs to, or null for an anonymous cart.</param>
    Task<CartCreated> CreateCartAsync(string? shopperId, CancellationToken cancellationToken);

    Task<CartView> GetCartAsync(Guid cartId, CancellationToken cancellationToken);

    Task<AddItemResult> AddItemAsync(Guid cartId, string? productId, int? quantity, CancellationToken cancellationToken);

    Task<CartView> RemoveItemAsync(Guid cartId, Guid productId, CancellationToken cancellationToken);

    /// <summary>Prices the cart into a checkout session the shopper can complete.</summary>
    Task<CheckoutStarted> StartCheckoutAsync(StartCheckout request, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the saga: reserve stock → authorise → create order → capture → commit the reservation → publish
    /// <c>checkout.order_created.v1</c>. Idempotent per <paramref name="idempotencyKey"/>: a repeat returns the first
    /// outcome, concurrent repeats wait for it.
    /// </summary>
    Task<CheckoutCompletion> CompleteCheckoutAsync(Guid checkoutSessionId, string idempotencyKey, CancellationToken cancellationToken);

    Task<OrderView> GetOrderAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>The shopper's newest orders (at most 100).</summary>
    Task<IReadOnlyList<OrderView>> ListOrdersAsync(string? shopperId, CancellationToken cancellationToken);

    Task<RefundResult> RefundOrderAsync(Guid orderId, CancellationToken cancellationToken);
}

public sealed record CartCreated(Guid CartId, DateTimeOffset ExpiresAt);

public sealed record LineItem(Guid ProductId, string Name, int Quantity, long UnitPriceCents, long LineTotalCents);

/// <param name="Status"><c>OPEN</c>, <c>EXPIRED</c> or <c>CHECKED_OUT</c>.</param>
public sealed record CartView(Guid CartId, string? ShopperId, string Status, IReadOnlyList<LineItem> Items, long SubtotalCents, string Currency, DateTimeOffset ExpiresAt);

public sealed record AddItemResult(CartView Cart, bool Available, string? UnavailableReason);

public sealed record Address(string? Name, string? Line1, string? Line2, string? City, string? PostalCode, string? Country);

public sealed record StartCheckout(string? CartId, Address? ShippingAddress, string? PaymentMethodId);

public sealed record CheckoutSummary(IReadOnlyList<LineItem> Items, long SubtotalCents, long ShippingCents, long TotalCents, string Currency);

public sealed record CheckoutStarted(Guid CheckoutSessionId, CheckoutSummary Summary);

/// <summary>
/// How a completion ended. <see cref="Status"/> is <c>CONFIRMED</c> (with <see cref="OrderId"/>), <c>OUT_OF_STOCK</c>,
/// <c>PAYMENT_DECLINED</c> or <c>FAILED</c>; failures carry the problem <see cref="Code"/> and a
/// <see cref="Detail"/> for people. <see cref="CorrelationId"/> is the first attempt's, so a replay is identical.
/// </summary>
public sealed record CheckoutCompletion(
    Guid CheckoutSessionId,
    string Status,
    Guid? OrderId,
    string? Code,
    string? Detail,
    IReadOnlyList<Guid> ProductIds,
    string? CorrelationId);

public sealed record OrderPayment(Guid PaymentId, string Status, string Brand, string Last4, long AmountCents, long RefundedCents);

public sealed record OrderView(
    Guid OrderId,
    string? ShopperId,
    Guid CheckoutSessionId,
    string Status,
    IReadOnlyList<LineItem> Items,
    long SubtotalCents,
    long ShippingCents,
    long TotalCents,
    string Currency,
    Address ShippingAddress,
    OrderPayment? Payment,
    DateTimeOffset CreatedAt);

public sealed record RefundResult(Guid OrderId, string Status, long RefundedCents);
