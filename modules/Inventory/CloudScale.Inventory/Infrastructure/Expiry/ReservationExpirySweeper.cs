using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Application.Reservations;
using CloudScale.Inventory.Infrastructure.Ownership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudScale.Inventory.Infrastructure.Expiry;

/// <summary>
/// Every <c>Inventory:SweepInterval</c>, expires the holds past their expiry, one batch per transaction, until none
/// is left. Several hosts may sweep at once: each skips the rows another has locked. Only the stock owner expires
/// holds: while legacy owns stock a sweep does nothing (legacy expires its own; Inventory's rows are then a copy the
/// next cutover overwrites), and a sweep that a cutover overtakes stops at the batch the fence refused.
/// </summary>
internal sealed class ReservationExpirySweeper(
    IServiceScopeFactory scopes, IOptions<InventoryOptions> options, TimeProvider clock, ILogger<ReservationExpirySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; a sweep changes nothing it did not finish.
                logger.LogWarning(ex, "Reservation expiry sweep failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep; answers how many reservations expired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.SweepBatchSize;
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var owner = await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().ReadStockOwnerAsync(cancellationToken);
            if (owner != StockOwner.Inventory)
            {
                logger.LogDebug("Stock is owned by {Owner}; no reservations expired here", StockOwnership.ToWire(owner));
                break;
            }

            int expired;
            try
            {
                expired = await scope.ServiceProvider.GetRequiredService<ModuleMediator<InventoryDbContext>>()
                    .Send(new ExpireDueReservations(batchSize), cancellationToken);
            }
            catch (StockOwnerMovedException moved)
            {
                logger.LogInformation("Stock moved to {Owner} during the expiry sweep; stopped", StockOwnership.ToWire(moved.Owner));
                break;
            }

            total += expired;
            if (expired < batchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            logger.LogInformation("Expired {Count} reservations past their hold time", total);
        }

        return total;
    }
}
