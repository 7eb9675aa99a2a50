using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Payment.Application.Gateway;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Domain;
using CloudScale.Payment.Infrastructure;
using CloudScale.Payment.Infrastructure.Events;
using CloudScale.Payment.Infrastructure.Persistence;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CloudScale.Payment.Application.Payments;

/// <param name="AmountCents">Null refunds all of it.</param>
internal sealed record RefundPaymentRequest(Guid PaymentId, long? AmountCents) : IRequest<PaymentResult>;

internal sealed class RefundPaymentValidator : IValidator<RefundPaymentRequest>
{
    public void Validate(RefundPaymentRequest request, FieldErrors errors) =>
        errors.Check(request.AmountCents is null or > 0, "amountCents", $"amountCents must be greater than 0 or left out (refund all), got {request.AmountCents}");
}

/// <summary>
/// CAPTURED → REFUNDED with <c>refunded_cents</c>. One refund per payment: the refund is keyed by payment id, and a
/// repeat (whatever its amount) returns the recorded refund. An AUTHORIZED payment is a 409 (nothing was taken: void
/// it instead), so a caller cannot mistake a release for a refund.
/// </summary>
internal sealed class RefundPaymentHandler(
    PaymentDbContext db, IPaymentGateway gateway, TimeProvider clock, ILogger<RefundPaymentHandler> logger)
    : IRequestHandler<RefundPaymentRequest, PaymentResult>
{
    public async Task<PaymentResult> Handle(RefundPaymentRequest request, CancellationToken cancellationToken)
    {
        var payment = await db.ReadAsync(request.PaymentId, cancellationToken) ?? throw PaymentConflicts.NotFound(request.PaymentId);
        switch (payment.State)
        {
            case PaymentState.Refunded:
                return PaymentResults.Stored(payment);
            case PaymentState.Authorized or PaymentState.Pending:
                throw PaymentConflicts.WrongState(payment, "refunded", "nothing was captured; void it instead");
            case not PaymentState.Captured:
                throw PaymentConflicts.WrongState(payment, "refunded", "only a CAPTURED payment can be refunded");
        }

        var amount = request.AmountCents ?? payment.AmountCents;
        new FieldErrors()
            .Check(amount <= payment.AmountCents, "amountCents", $"amountCents must be at most the captured {payment.AmountCents}, got {amount}")
            .ThrowIfAny();

        return await GatewayStep.RunAsync(db, logger, payment, "Refunding",
            () => gateway.RefundAsync(payment.GatewayReference!, amount, GatewayKeys.Refund(payment.PaymentId), CancellationToken.None),
            current =>
            {
                if (current.State == PaymentState.Captured)
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    current.Refund(amount, now);
                    db.Add(PaymentEvents.PaymentRefunded(current, now));
                    logger.LogInformation("Payment {PaymentId} REFUNDED {RefundedCents}", current.PaymentId, amount);
                }
            });
    }
}
