using CloudScale.BuildingBlocks.Http;
using CloudScale.Payment.Domain;
using CloudScale.Payment.Infrastructure.Persistence;

namespace CloudScale.Payment.Application.Payments;

internal static class PaymentConflicts
{
    public static ApiException NotFound(Guid paymentId) =>
        ApiException.NotFound(PaymentProblems.PaymentNotFound, $"No payment with id '{paymentId}'.");

    /// <summary>409 naming the operation, the state the payment is in and what would be right.</summary>
    public static ApiException WrongState(CardPayment payment, string operation, string hint) =>
        ApiException.Conflict(PaymentProblems.PaymentStateConflict,
            $"Payment {payment.PaymentId} is {PaymentConfiguration.StatusText(payment.State)} and cannot be {operation}; {hint}.",
            new Dictionary<string, object?> { ["paymentId"] = payment.PaymentId, ["status"] = PaymentConfiguration.StatusText(payment.State) });
}
