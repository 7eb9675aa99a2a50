using CloudScale.Payment.Application.Gateway;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Domain;
using CloudScale.Payment.Infrastructure;
using CloudScale.Payment.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;

namespace CloudScale.Payment.Application.Payments;

/// <summary>
/// The shape every money-moving call after authorisation shares: ask the gateway with no transaction open (a slow
/// gateway must not pin the payment's row lock for seconds), then lock the row and let <c>record</c> write the outcome
/// only if the payment is still where the call found it. A gateway failure records nothing and changes nothing.
/// </summary>
internal static class GatewayStep
{
    public static async Task<PaymentResult> RunAsync(
        PaymentDbContext db, ILogger logger, CardPayment payment, string action, Func<Task> callGateway, Action<CardPayment> record)
    {
        try
        {
            await callGateway();
        }
        catch (PaymentGatewayException ex)
        {
            logger.LogWarning("{Action} payment {PaymentId} failed at the gateway; it stays {State}: {Reason}", action, payment.PaymentId, payment.State, ex.Message);
            return PaymentResults.GatewayError(payment);
        }

        return await db.InUnitAsync(async () =>
        {
            var current = (await db.LockAsync(payment.PaymentId, CancellationToken.None))!;
            record(current);
            return PaymentResults.Stored(current);
        }, CancellationToken.None);
    }
}
