namespace CloudScale.Checkout.Domain;

internal static class CheckoutSessionStatus
{
    public const string Open = "OPEN";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
}
