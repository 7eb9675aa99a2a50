namespace CloudScale.Checkout.Domain;

/// <summary>The shopper API's stable problem codes for carts, checkouts and orders (the legacy monolith's, unchanged).</summary>
internal static class CheckoutProblems
{
    public const string CartNotFound = "cart_not_found";
    public const string CartItemNotFound = "cart_item_not_found";
    public const string CartNotOpen = "cart_not_open";
    public const string CartExpired = "cart_expired";
    public const string ProductNotFound = "product_not_found";
    public const string CatalogUnavailable = "catalog_unavailable";
    public const string PaymentMethodNotFound = "payment_method_not_found";
    public const string CheckoutNotFound = "checkout_not_found";
    public const string CartEmpty = "cart_empty";
    public const string CheckoutNotOpen = "checkout_not_open";
    public const string CheckoutAlreadyCompleted = "checkout_already_completed";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string IdempotencyKeyRequired = "idempotency_key_required";
    public const string OutOfStock = "out_of_stock";
    public const string PaymentDeclined = "payment_declined";
    public const string InsufficientFunds = "insufficient_funds";
    public const string PaymentGatewayError = "payment_gateway_error";
    public const string OrderNotFound = "order_not_found";
    public const string OrderAlreadyRefunded = "order_already_refunded";
    public const string OrderNotRefundable = "order_not_refundable";
}
