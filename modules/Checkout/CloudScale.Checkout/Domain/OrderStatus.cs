namespace CloudScale.Checkout.Domain;

/// <summary>PENDING while the saga takes the money, then CONFIRMED, FAILED (compensated) or, later, REFUNDED.</summary>
internal static class OrderStatus
{
    public const string Pending = "PENDING";
    public const string Confirmed = "CONFIRMED";
    public const string Failed = "FAILED";
    public const string Refunded = "REFUNDED";
}
