using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Payment.Contracts;
using MediatR;

namespace CloudScale.Payment.Application.Payments;

/// <summary>A plain request: it spans several short transactions around the gateway call (see its handler).</summary>
internal sealed record AuthorizePaymentRequest(AuthorizePayment Payment) : IRequest<PaymentResult>;

internal sealed class AuthorizePaymentValidator : IValidator<AuthorizePaymentRequest>
{
    public void Validate(AuthorizePaymentRequest request, FieldErrors errors)
    {
        var payment = request.Payment;
        errors.Check(payment.PaymentId != Guid.Empty, "paymentId", "paymentId must be a non-empty UUID chosen by the caller");
        errors.Check(payment.PaymentMethodId != Guid.Empty, "paymentMethodId", "paymentMethodId must be a non-empty UUID");
        errors.Check(payment.AmountCents > 0, "amountCents", $"amountCents must be greater than 0, got {payment.AmountCents}");
        errors.Check(payment.Currency is { Length: 3 } currency && currency.All(char.IsAsciiLetterUpper), "currency",
            $"currency must be 3 upper-case letters (ISO 4217, e.g. EUR), got '{Shorten(payment.Currency)}'");
        errors.Check(FreeText.IsValidOptional(payment.Reference, 200), "reference", "reference must be at most 200 characters, without control characters");
    }

    private static string Shorten(string? value) => value is null ? "nothing" : value.Length <= 10 ? value : value[..10] + "…";
}
