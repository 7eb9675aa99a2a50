using System.Collections.Concurrent;
using System.Diagnostics;
using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Inventory.Infrastructure.Ownership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudScale.Inventory.Application.Backfill;

/// <summary>
/// Copies stock from the legacy monolith until CDC does: page through the legacy catalogue, read each page's stock
/// with bounded parallelism, upsert the page in one transaction. Running it again changes nothing unless legacy
/// changed. Products are never deleted here. Only while legacy owns stock: once Inventory owns, its rows are live
/// stock and the run refuses (409 <c>stock_owned_by_inventory</c>) before reading legacy, or at the first batch after a
/// cutover overtook it (the batches before it were right when they committed).
/// </summary>
internal sealed class StockBackfill(
    ILegacyStockSource legacy, IServiceScopeFactory scopes, IOptions<InventoryOptions> options, ILogger<StockBackfill> logger)
{
    public async Task<StockBackfillReport> RunAsync(CancellationToken cancellationToken)
    {
        await using (var ownerScope = scopes.CreateAsyncScope())
        {
            if (await ownerScope.ServiceProvider.GetRequiredService<InventoryDbContext>().ReadStockOwnerAsync(cancellationToken) == StockOwner.Inventory)
            {
                throw InventoryProblems.StockOwnedByInventoryError();
            }
        }

        var started = Stopwatch.GetTimestamp();
        var seen = new HashSet<Guid>();
        int products = 0, inserted = 0, updated = 0, unchanged = 0;
        var conflicts = new List<Guid>();
        await foreach (var page in legacy.ProductPagesAsync(cancellationToken))
        {
            // Offset paging over a catalogue that may change underneath can repeat a product: count it once.
            var fresh = page.Where(seen.Add).ToList();
            var stock = new ConcurrentBag<LegacyStock>();
            await Parallel.ForEachAsync(
                fresh,
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.Legacy.Parallelism, CancellationToken = cancellationToken },
                async (productId, ct) =>
                {
                    if (await legacy.StockAsync(productId, ct) is { } level)
                    {
                        stock.Add(level);
                    }
                });
            if (stock.IsEmpty)
            {
                continue;
            }

            await using var scope = scopes.CreateAsyncScope();
            UpsertOutcome outcome;
            try
            {
                outcome = await scope.ServiceProvider.GetRequiredService<ModuleMediator<InventoryDbContext>>()
                    .Send(new UpsertStock(stock.OrderBy(s => s.ProductId).ToList()), cancellationToken);
            }
            catch (StockOwnerMovedException)
            {
                logger.LogWarning("Stock moved to Inventory during the backfill after {Products} products; stopped", products);
                throw InventoryProblems.StockOwnedByInventoryError();
            }

            products += stock.Count;
            inserted += outcome.Inserted;
            updated += outcome.Updated;
            unchanged += outcome.Unchanged;
            conflicts.AddRange(outcome.Conflicts);
        }

        var report = new StockBackfillReport(products, inserted, updated, unchanged, conflicts, Stopwatch.GetElapsedTime(started));
        logger.LogInformation(
            "Stock backfill from legacy: {Products} products, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Conflicts} conflicts in {Took}",
            report.Products, report.Inserted, report.Updated, report.Unchanged, report.Conflicts.Count, report.Took);
        if (conflicts.Count > 0)
        {
            logger.LogWarning("Legacy on hand is below Inventory's held reservations for {Products}; left unchanged", string.Join(", ", conflicts));
        }

        return report;
    }
}
