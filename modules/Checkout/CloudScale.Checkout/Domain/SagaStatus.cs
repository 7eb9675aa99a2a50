namespace CloudScale.Checkout.Domain;

/// <summary>
/// How a saga ended. <see cref="Aborted"/> means undone without an answer (gateway error before the order, or a
/// crash recovered before it): the session stays open and the shopper may retry.
/// </summary>
internal static class SagaStatus
{
    public const string Running = "RUNNING";
    public const string Confirmed = "CONFIRMED";
    public const string OutOfStock = "OUT_OF_STOCK";
    public const string PaymentDeclined = "PAYMENT_DECLINED";
    public const string Failed = "FAILED";
    public const string Aborted = "ABORTED";
}
