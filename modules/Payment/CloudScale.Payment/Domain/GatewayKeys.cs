namespace CloudScale.Payment.Domain;

/// <summary>
/// Idempotency keys sent to the gateway, all derived from the caller-chosen payment id: a retry, a repeat after a
/// crash or a second concurrent caller sends the same key and so gets the same authorisation, capture, void or
/// refund at the gateway instead of a second one.
/// </summary>
internal static class GatewayKeys
{
    public static string Authorize(Guid paymentId) => $"payment:{paymentId:N}:authorize";

    public static string Capture(Guid paymentId) => $"payment:{paymentId:N}:capture";

    public static string Void(Guid paymentId) => $"payment:{paymentId:N}:void";

    public static string Refund(Guid paymentId) => $"payment:{paymentId:N}:refund";
}
