using CloudScale.BuildingBlocks.Http;
using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Stock;

/// <summary>
/// Stock commits owed for sales recorded while Inventory owned stock. Checkout writes the order and a
/// <c>legacy.pending_stock_commits</c> row in one transaction, so a sale whose hold is not yet committed at the owner is
/// never forgotten: checkout commits it at once, and <see cref="StockSweeper"/> retries whatever that left. Each try
/// goes through the gateway, so it reaches stock wherever it is by then (a cutover copies holds with their ids).
/// </summary>
internal sealed class PendingStockCommits(NpgsqlDataSource dataSource, LegacyStockGateway stock, ILogger<PendingStockCommits> logger)
{
    /// <summary>Commits one owed hold; true when it is settled and its row gone, false when it stays owed.</summary>
    /// <param name="waitForSweeper">
    /// Checkout passes true: if the sweeper is committing this very hold, wait for it, so the shopper's answer goes out
    /// only once the owed row is settled one way or the other. The sweeper passes false and skips holds in use.
    /// </param>
    public async Task<bool> TryCommitAsync(Guid reservationId, CancellationToken ct, bool waitForSweeper = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Locked for the try, so checkout and the sweeper never commit one hold at the same time; skipped when busy.
        var orderId = await connection.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT order_id FROM legacy.pending_stock_commits WHERE reservation_id = @reservationId FOR UPDATE" + (waitForSweeper ? "" : " SKIP LOCKED"),
            new { reservationId }, transaction);
        if (orderId is null)
        {
            return false;
        }

        try
        {
            var outcome = await stock.CommitAsync(reservationId, ct);
            if (!outcome.Done)
            {
                // Retrying cannot change a hold that ended: say so loudly, it needs a person (stock was not taken).
                logger.LogError("Order {OrderId} was recorded but its stock hold {ReservationId} ended {State} instead of being sold",
                    orderId, reservationId, outcome.State);
            }

            await connection.ExecuteAsync(
                "DELETE FROM legacy.pending_stock_commits WHERE reservation_id = @reservationId", new { reservationId }, transaction);
        }
        catch (ApiException ex)
        {
            logger.LogWarning("Stock commit of hold {ReservationId} for order {OrderId} failed; it stays owed: {Reason}", reservationId, orderId, ex.Message);
            await connection.ExecuteAsync("""
                UPDATE legacy.pending_stock_commits SET attempts = attempts + 1, last_error = @error
                WHERE reservation_id = @reservationId
                """, new { reservationId, error = $"{ex.Code}: {ex.Message}" }, transaction);
            await transaction.CommitAsync(ct);
            return false;
        }

        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Retries the oldest owed commits; answers how many were settled.</summary>
    public async Task<int> RetryOwedAsync(int batchSize, CancellationToken ct)
    {
        IEnumerable<Guid> owed;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            owed = await connection.QueryAsync<Guid>(
                "SELECT reservation_id FROM legacy.pending_stock_commits ORDER BY created_at LIMIT @batchSize", new { batchSize });
        }

        var settled = 0;
        foreach (var reservationId in owed)
        {
            settled += await TryCommitAsync(reservationId, ct) ? 1 : 0;
        }

        return settled;
    }
}
