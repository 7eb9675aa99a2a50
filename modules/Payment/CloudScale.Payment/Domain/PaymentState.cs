namespace CloudScale.Payment.Domain;

/// <summary>Where a payment stands; stored upper-case in <c>payment.payments.status</c>.</summary>
internal enum PaymentState
{
    /// <summary>Recorded before the gateway was asked to authorise; the outcome is not (yet) known.</summary>
    Pending,
    Authorized,
    Captured,
    Declined,
    Voided,
    Refunded,
}
