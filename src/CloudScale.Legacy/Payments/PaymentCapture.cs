using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Payments;

/// <summary>
/// Captures authorised payments of recorded sales. Checkout captures right after its commit; whatever a crash or a
/// gateway failure left AUTHORIZED, <see cref="PaymentCaptureSweeper"/> captures later (captures are idempotent at
/// the gateway, so capturing one twice is harmless).
/// </summary>
internal sealed class PaymentCapture(NpgsqlDataSource dataSource, IPaymentGateway gateway, ILogger<PaymentCapture> logger)
{
    public async Task<bool> OrderExistsAsync(Guid orderId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM legacy.orders WHERE order_id = @orderId)", new { orderId });
    }

    /// <summary>Captures one payment if it is still AUTHORIZED; false when the gateway failed (it stays for the sweeper).</summary>
    public async Task<bool> TryCaptureAsync(Guid paymentId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var payment = await connection.QuerySingleOrDefaultAsync<AuthorizedPayment>("""
            SELECT payment_id AS PaymentId, gateway_reference AS Reference, amount_cents AS AmountCents
            FROM legacy.payments WHERE payment_id = @paymentId AND status = 'AUTHORIZED' FOR UPDATE SKIP LOCKED
            """, new { paymentId }, transaction);
        if (payment is null)
        {
            return false;
        }

        try
        {
            await gateway.CaptureAsync(payment.Reference, payment.AmountCents, CancellationToken.None);
        }
        catch (PaymentGatewayException ex)
        {
            logger.LogWarning("Capture of payment {PaymentId} failed; the sweeper will retry: {Reason}", paymentId, ex.Message);
            return false;
        }

        await connection.ExecuteAsync(
            "UPDATE legacy.payments SET status = 'CAPTURED', updated_at = now() WHERE payment_id = @paymentId", new { paymentId }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>Captures payments of recorded sales that stayed AUTHORIZED longer than <paramref name="olderThan"/>.</summary>
    public async Task<int> CaptureStaleAsync(TimeSpan olderThan, CancellationToken ct)
    {
        IEnumerable<Guid> stale;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            stale = await connection.QueryAsync<Guid>("""
                SELECT payment_id FROM legacy.payments
                WHERE status = 'AUTHORIZED' AND order_id IS NOT NULL AND updated_at < now() - @olderThan
                ORDER BY updated_at LIMIT 100
                """, new { olderThan });
        }

        var captured = 0;
        foreach (var paymentId in stale)
        {
            captured += await TryCaptureAsync(paymentId) ? 1 : 0;
        }

        return captured;
    }

    private sealed record AuthorizedPayment(Guid PaymentId, string Reference, long AmountCents);
}

/// <summary>Finishes captures that checkout could not (crash between commit and capture, gateway failure).</summary>
internal sealed class PaymentCaptureSweeper(PaymentCapture capture, Microsoft.Extensions.Options.IOptions<Data.LegacyOptions> options, ILogger<PaymentCaptureSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var captured = await capture.CaptureStaleAsync(settings.CaptureStaleAfter, stoppingToken);
                if (captured > 0)
                {
                    logger.LogInformation("Captured {Count} payments left authorised", captured);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Capture sweep failed; retrying in {Interval}", settings.CaptureSweepInterval);
            }

            await Task.Delay(settings.CaptureSweepInterval, stoppingToken);
        }
    }
}
