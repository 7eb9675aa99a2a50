using CloudScale.Payment.Application.Gateway;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Domain;
using CloudScale.Payment.Infrastructure;
using CloudScale.Payment.Infrastructure.Events;
using CloudScale.Payment.Infrastructure.Persistence;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CloudScale.Payment.Application.Payments;

internal sealed record CapturePaymentRequest(Guid PaymentId) : IRequest<PaymentResult>;

/// <summary>
/// AUTHORIZED → CAPTURED. The gateway is called outside any transaction; the capture is keyed by payment id, so
/// concurrent or repeated callers capture once at the gateway, and only the caller whose locked re-check still finds
/// AUTHORIZED records CAPTURED and publishes <c>payment.captured.v1</c>: the others see CAPTURED and succeed as a
/// no-op. A crash between the call and the record leaves AUTHORIZED, from which a repeated capture (same key) is safe.
/// </summary>
internal sealed class CapturePaymentHandler(
    PaymentDbContext db, IPaymentGateway gateway, TimeProvider clock, ILogger<CapturePaymentHandler> logger)
    : IRequestHandler<CapturePaymentRequest, PaymentResult>
{
    public async Task<PaymentResult> Handle(CapturePaymentRequest request, CancellationToken cancellationToken)
    {
        var payment = await db.ReadAsync(request.PaymentId, cancellationToken) ?? throw PaymentConflicts.NotFound(request.PaymentId);
        switch (payment.State)
        {
            case PaymentState.Captured or PaymentState.Refunded:
                return PaymentResults.Stored(payment);
            case not PaymentState.Authorized:
                throw PaymentConflicts.WrongState(payment, "captured", "only an AUTHORIZED payment can be captured");
        }

        return await GatewayStep.RunAsync(db, logger, payment, "Capturing",
            () => gateway.CaptureAsync(payment.GatewayReference!, payment.AmountCents, GatewayKeys.Capture(payment.PaymentId), CancellationToken.None),
            current =>
            {
                if (current.State == PaymentState.Authorized)
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    current.Capture(now);
                    db.Add(PaymentEvents.PaymentCaptured(current, now));
                    logger.LogInformation("Payment {PaymentId} CAPTURED", current.PaymentId);
                }
                else if (current.State is not (PaymentState.Captured or PaymentState.Refunded))
                {
                    // Voided while we captured: a real gateway refuses one of the two; record nothing and say so.
                    logger.LogError("Payment {PaymentId} was captured at the gateway but is {Status} here", current.PaymentId, current.State);
                    throw PaymentConflicts.WrongState(current, "captured", "it was voided while the capture was in flight");
                }
            });
    }
}
