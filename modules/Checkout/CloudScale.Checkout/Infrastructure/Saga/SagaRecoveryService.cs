using CloudScale.Checkout.Application;
using CloudScale.Checkout.Application.Saga;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudScale.Checkout.Infrastructure.Saga;

/// <summary>Runs <see cref="SagaRecovery"/> once at start and then every <c>Checkout:SagaRecoveryInterval</c>.</summary>
internal sealed class SagaRecoveryService(SagaRecovery recovery, CheckoutOptions options, TimeProvider clock, ILogger<SagaRecoveryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SagaRecoveryInterval, clock);
        do
        {
            try
            {
                var finished = await recovery.RecoverOnceAsync(options.SagaStaleAfter, stoppingToken);
                if (finished > 0)
                {
                    logger.LogInformation("Recovered {Count} unfinished checkout sagas", finished);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Checkout saga recovery pass failed; retrying in {Interval}", options.SagaRecoveryInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
