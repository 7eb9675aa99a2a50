using CloudScale.BuildingBlocks.Control;
using CloudScale.Legacy.Data;
using Microsoft.Extensions.Options;

namespace CloudScale.Legacy.Stock;

/// <summary>
/// Every <c>Legacy:StockSweepInterval</c>: while legacy owns stock, gives back holds past their expiry (batch by
/// batch; several instances skip each other's rows); whoever owns stock, retries the stock commits checkout still owes.
/// </summary>
internal sealed class StockSweeper(
    LocalStockOwner local,
    LegacyStockGateway stock,
    PendingStockCommits pending,
    IOptions<LegacyOptions> options,
    ILogger<StockSweeper> logger) : BackgroundService
{
    public const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.StockSweepInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Stock sweep failed; retrying in {Interval}", interval);
            }

            await Task.Delay(interval, stoppingToken);
        }
    }

    /// <summary>One sweep: answers the holds expired and the owed commits settled.</summary>
    public async Task<(int Expired, int Committed)> SweepAsync(CancellationToken ct)
    {
        var expired = await ExpireDueAsync(ct);
        var committed = await pending.RetryOwedAsync(BatchSize, ct);
        if (expired + committed > 0)
        {
            logger.LogInformation("Stock sweep expired {Expired} holds and settled {Committed} owed commits", expired, committed);
        }

        return (expired, committed);
    }

    private async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        // Only the owner expires holds; a non-owner's tables are a stale copy the next cutover overwrites.
        if (await stock.ReadOwnerAsync(ct) != StockOwner.Legacy)
        {
            return 0;
        }

        var total = 0;
        try
        {
            int expired;
            do
            {
                expired = await local.ExpireDueAsync(BatchSize, ct);
                total += expired;
            }
            while (expired == BatchSize);
        }
        catch (StockOwnerMovedException)
        {
            // A cutover moved stock away mid-sweep; the new owner expires its own holds.
        }

        return total;
    }
}
