using CloudScale.Payment.Application.Gateway;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Domain;
using CloudScale.Payment.Infrastructure;
using CloudScale.Payment.Infrastructure.Persistence;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CloudScale.Payment.Application.Payments;

internal sealed record VoidPaymentRequest(Guid PaymentId) : IRequest<PaymentResult>;

/// <summary>
/// Releases a hold. AUTHORIZED → VOIDED. PENDING (the authorisation's outcome is unknown: the process died or the
/// gateway failed mid-call): the gateway is asked to authorise again under the same key, which returns the same
/// authorisation (no new hold) or the decline, the answer is recorded, and a found hold is voided. DECLINED, VOIDED
/// and unknown ids are a no-op. CAPTURED/REFUNDED is a 409: money was taken, refund it instead.
/// The void is keyed by payment id, so repeated or concurrent voids release the hold once.
/// </summary>
internal sealed class VoidPaymentHandler(
    PaymentDbContext db, IPaymentGateway gateway, TimeProvider clock, ILogger<VoidPaymentHandler> logger)
    : IRequestHandler<VoidPaymentRequest, PaymentResult>
{
    public async Task<PaymentResult> Handle(VoidPaymentRequest request, CancellationToken cancellationToken)
    {
        var payment = await db.ReadAsync(request.PaymentId, cancellationToken);
        if (payment is null)
        {
            return new PaymentResult(request.PaymentId, PaymentOutcome.Succeeded, PaymentStatus.Unknown);
        }

        if (payment.State == PaymentState.Pending)
        {
            var method = (await db.FindMethodAsync(payment.PaymentMethodId, cancellationToken))!;
            var found = await AuthorizePaymentHandler.AskGatewayAsync(db, gateway, clock, logger, payment, method.GatewayToken);
            if (found.Outcome == PaymentOutcome.GatewayError)
            {
                return found;
            }

            payment = (await db.ReadAsync(request.PaymentId, CancellationToken.None))!;
        }

        switch (payment.State)
        {
            case PaymentState.Declined or PaymentState.Voided:
                return new PaymentResult(payment.PaymentId, PaymentOutcome.Succeeded, PaymentResults.StatusOf(payment.State), payment.DeclineCode);
            case PaymentState.Captured or PaymentState.Refunded:
                throw PaymentConflicts.WrongState(payment, "voided", "it was captured; refund it instead");
        }

        return await GatewayStep.RunAsync(db, logger, payment, "Voiding",
            () => gateway.VoidAsync(payment.GatewayReference!, GatewayKeys.Void(payment.PaymentId), CancellationToken.None),
            current =>
            {
                if (current.State == PaymentState.Authorized)
                {
                    current.Void(clock.GetUtcNow().UtcDateTime);
                    logger.LogInformation("Payment {PaymentId} VOIDED", current.PaymentId);
                }
                else if (current.State is PaymentState.Captured or PaymentState.Refunded)
                {
                    logger.LogError("Payment {PaymentId} was voided at the gateway but is {Status} here", current.PaymentId, current.State);
                    throw PaymentConflicts.WrongState(current, "voided", "it was captured while the void was in flight; refund it instead");
                }
            });
    }
}
