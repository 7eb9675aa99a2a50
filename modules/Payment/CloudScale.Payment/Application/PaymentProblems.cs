namespace CloudScale.Payment.Application;

/// <summary>Problem codes Payment refuses with; the first two are the legacy monolith's.</summary>
internal static class PaymentProblems
{
    public const string PaymentMethodNotFound = "payment_method_not_found";

    /// <summary>502: the gateway failed while registering a card; nothing was stored.</summary>
    public const string PaymentGatewayError = "payment_gateway_error";

    public const string PaymentNotFound = "payment_not_found";

    /// <summary>409: a payment id was reused for a different method, amount or currency.</summary>
    public const string PaymentIdReused = "payment_id_reused";

    /// <summary>409: the payment's state does not allow the operation (e.g. capturing a declined payment).</summary>
    public const string PaymentStateConflict = "payment_state_conflict";
}
