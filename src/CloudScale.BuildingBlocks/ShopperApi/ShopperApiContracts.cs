namespace CloudScale.BuildingBlocks.ShopperApi;

// The shopper HTTP API (camelCase JSON). The modular host serves the same shapes; the contract test suite
// holds both to them. Request fields are nullable so that a missing field is a validation error naming the
// field, not a JSON error.

public sealed record ProductDto(Guid ProductId, string Sku, string Name, string Description, long PriceCents, string Currency);

public sealed record ProductPageDto(IReadOnlyList<ProductDto> Items, int Page, int PageSize, long TotalCount);

public sealed record StockLevelDto(Guid ProductId, int OnHand, int Reserved, int Available);

public sealed record CreateCartRequest(string? ShopperId);

public sealed record CartCreatedDto(Guid CartId, DateTimeOffset ExpiresAt);

public sealed record LineItemDto(Guid ProductId, string Name, int Quantity, long UnitPriceCents, long LineTotalCents);

public sealed record CartDto(
    Guid CartId,
    string? ShopperId,
    string Status,
    IReadOnlyList<LineItemDto> Items,
    long SubtotalCents,
    string Currency,
    DateTimeOffset ExpiresAt);

public sealed record AddCartItemRequest(string? ProductId, int? Quantity);

public sealed record AddCartItemResultDto(CartDto Cart, bool Available, string? UnavailableReason);

public sealed record RegisterPaymentMethodRequest(string? CardNumber, int? ExpMonth, int? ExpYear, string? Cvc, string? HolderName);

public sealed record PaymentMethodDto(Guid PaymentMethodId, string Brand, string Last4);

public sealed record AddressDto(string? Name, string? Line1, string? Line2, string? City, string? PostalCode, string? Country);

public sealed record StartCheckoutRequest(string? CartId, AddressDto? ShippingAddress, string? PaymentMethodId);

public sealed record CheckoutSummaryDto(IReadOnlyList<LineItemDto> Items, long SubtotalCents, long ShippingCents, long TotalCents, string Currency);

public sealed record CheckoutStartedDto(Guid CheckoutSessionId, CheckoutSummaryDto Summary);

public sealed record CheckoutCompletedDto(Guid OrderId, string Status);

public sealed record OrderPaymentDto(Guid PaymentId, string Status, string Brand, string Last4, long AmountCents, long RefundedCents);

public sealed record OrderDto(
    Guid OrderId,
    string? ShopperId,
    Guid CheckoutSessionId,
    string Status,
    IReadOnlyList<LineItemDto> Items,
    long SubtotalCents,
    long ShippingCents,
    long TotalCents,
    string Currency,
    AddressDto ShippingAddress,
    OrderPaymentDto? Payment,
    DateTimeOffset CreatedAt);

public sealed record OrderListDto(IReadOnlyList<OrderDto> Items);

public sealed record RefundResultDto(Guid OrderId, string Status, long RefundedCents);

/// <summary>Statuses as they appear on the wire and in the <c>legacy</c> tables.</summary>
public static class Statuses
{
    public const string Open = "OPEN";
    public const string Expired = "EXPIRED";
    public const string Completed = "COMPLETED";
    public const string Confirmed = "CONFIRMED";
    public const string Refunded = "REFUNDED";
    public const string Authorized = "AUTHORIZED";
    public const string OutOfStock = "OUT_OF_STOCK";
    public const string PaymentDeclined = "PAYMENT_DECLINED";
}
