namespace CloudScale.Checkout.Domain;

/// <summary>Cart statuses as the shopper sees them; <see cref="Expired"/> is derived from the expiry, never stored.</summary>
internal static class CartStatus
{
    public const string Open = "OPEN";
    public const string Expired = "EXPIRED";
    public const string CheckedOut = "CHECKED_OUT";

    /// <summary>An open cart past its expiry reads as expired.</summary>
    public static string At(string storedStatus, DateTimeOffset expiresAt, DateTimeOffset now) =>
        storedStatus == Open && expiresAt <= now ? Expired : storedStatus;
}
