using CloudScale.Payment.Contracts;
using CloudScale.Payment.Domain;

namespace CloudScale.Payment.Application.Payments;

internal static class PaymentResults
{
    public static PaymentStatus StatusOf(PaymentState state) => state switch
    {
        PaymentState.Pending => PaymentStatus.Pending,
        PaymentState.Authorized => PaymentStatus.Authorized,
        PaymentState.Captured => PaymentStatus.Captured,
        PaymentState.Declined => PaymentStatus.Declined,
        PaymentState.Voided => PaymentStatus.Voided,
        PaymentState.Refunded => PaymentStatus.Refunded,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>What the payment's stored state says: declined is a decline, anything else the call did its part.</summary>
    public static PaymentResult Stored(CardPayment payment) => payment.State == PaymentState.Declined
        ? new PaymentResult(payment.PaymentId, PaymentOutcome.Declined, PaymentStatus.Declined, payment.DeclineCode)
        : new PaymentResult(payment.PaymentId, PaymentOutcome.Succeeded, StatusOf(payment.State));

    /// <summary>The gateway failed; the payment stays as it was.</summary>
    public static PaymentResult GatewayError(CardPayment payment) =>
        new(payment.PaymentId, PaymentOutcome.GatewayError, StatusOf(payment.State), payment.DeclineCode);
}
