using CloudScale.BuildingBlocks.Http;
using CloudScale.Payment.Application.Gateway;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Domain;
using CloudScale.Payment.Infrastructure;
using CloudScale.Payment.Infrastructure.Events;
using CloudScale.Payment.Infrastructure.Persistence;
using MediatR;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudScale.Payment.Application.Payments;

/// <summary>
/// Authorises idempotently per payment id: (1) the payment is committed PENDING before the gateway is asked, so a
/// crash mid-call leaves a trace that Void can find; (2) the gateway is asked under a key derived from the payment id,
/// outside any transaction; (3) the answer is recorded under a row lock with its event. A repeat of a decided payment
/// returns the stored outcome; a repeat of a PENDING one asks again under the same key, getting the same authorisation.
/// <para>
/// A gateway failure is not final: the payment stays PENDING and no <c>payment.failed.v1</c> is published, because a
/// repeat may still authorise it (an event saying "failed" followed by "authorized" would mislead consumers).
/// <c>payment.failed.v1</c> is published for declines only, with the decline code as reason.
/// </para>
/// </summary>
internal sealed class AuthorizePaymentHandler(
    PaymentDbContext db, IPaymentGateway gateway, TimeProvider clock, ILogger<AuthorizePaymentHandler> logger)
    : IRequestHandler<AuthorizePaymentRequest, PaymentResult>
{
    public async Task<PaymentResult> Handle(AuthorizePaymentRequest request, CancellationToken cancellationToken)
    {
        var ask = request.Payment;
        var (payment, token) = await RecordPendingAsync(ask, cancellationToken);
        if (payment.State != PaymentState.Pending)
        {
            return PaymentResults.Stored(payment);
        }

        return await AskGatewayAsync(db, gateway, clock, logger, payment, token!);
    }

    /// <summary>
    /// Asks the gateway to authorise a PENDING payment under its key and records the answer (shared with Void, which
    /// uses it to find the hold of a payment whose first attempt has an unknown outcome). From here on nothing is
    /// cancelled by the caller going away: money may be moving, and an answer that was given must be recorded.
    /// </summary>
    public static async Task<PaymentResult> AskGatewayAsync(
        PaymentDbContext db, IPaymentGateway gateway, TimeProvider clock, ILogger logger, CardPayment payment, string token)
    {
        GatewayAuthorization answer;
        try
        {
            answer = await gateway.AuthorizeAsync(token, payment.AmountCents, payment.Currency, GatewayKeys.Authorize(payment.PaymentId), CancellationToken.None);
        }
        catch (PaymentGatewayException ex)
        {
            logger.LogWarning("Authorising payment {PaymentId} failed at the gateway; it stays PENDING: {Reason}", payment.PaymentId, ex.Message);
            return PaymentResults.GatewayError(payment);
        }

        return await db.InUnitAsync(async () =>
        {
            var current = await db.LockAsync(payment.PaymentId, CancellationToken.None)
                ?? throw new InvalidOperationException($"Payment {payment.PaymentId} vanished while being authorised.");
            if (current.State != PaymentState.Pending)
            {
                // A concurrent attempt under the same key recorded the same answer first.
                return PaymentResults.Stored(current);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (answer.Approved)
            {
                current.Authorize(answer.Reference!, now);
                db.Add(PaymentEvents.PaymentAuthorized(current, now));
            }
            else
            {
                current.Decline(answer.DeclineCode!, now);
                db.Add(PaymentEvents.PaymentFailed(current, answer.DeclineCode!, now));
            }

            logger.LogInformation("Payment {PaymentId} {Status}", current.PaymentId, PaymentConfiguration.StatusText(current.State));
            return PaymentResults.Stored(current);
        }, CancellationToken.None);
    }

    /// <summary>The payment (inserted PENDING when new, committed) and the card token to authorise it with.</summary>
    private async Task<(CardPayment Payment, string? Token)> RecordPendingAsync(AuthorizePayment ask, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InUnitAsync(async () =>
                {
                    var payment = await db.LockAsync(ask.PaymentId, cancellationToken);
                    if (payment is not null && payment.DiffersFrom(ask.PaymentMethodId, ask.AmountCents, ask.Currency))
                    {
                        throw ApiException.Conflict(PaymentProblems.PaymentIdReused,
                            $"Payment {ask.PaymentId} was authorised for another payment method, amount or currency; use a new payment id for a different payment.");
                    }

                    if (payment is { State: not PaymentState.Pending })
                    {
                        return (payment, (string?)null);
                    }

                    var method = await db.FindMethodAsync(ask.PaymentMethodId, cancellationToken)
                        ?? throw ApiException.NotFound(PaymentProblems.PaymentMethodNotFound, $"No payment method with id '{ask.PaymentMethodId}'.");
                    if (payment is null)
                    {
                        payment = CardPayment.Start(ask.PaymentId, ask.PaymentMethodId, ask.AmountCents, ask.Currency, ask.Reference,
                            clock.GetUtcNow().UtcDateTime);
                        db.Add(payment);
                    }

                    return (payment, method.GatewayToken);
                }, cancellationToken);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException ex)
                when (attempt == 1 && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A concurrent first attempt inserted the row between our lookup and insert: take it from the top,
                // now finding (and locking) that row.
            }
        }
    }
}
