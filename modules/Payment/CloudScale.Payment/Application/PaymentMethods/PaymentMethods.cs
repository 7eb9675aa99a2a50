using CloudScale.Payment.Contracts;
using CloudScale.Payment.Domain;

namespace CloudScale.Payment.Application.PaymentMethods;

internal static class PaymentMethods
{
    public static PaymentMethod ToContract(StoredPaymentMethod method) =>
        new(method.PaymentMethodId, method.ShopperId, method.Brand, method.Last4, method.ExpMonth, method.ExpYear);
}
