using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Legacy.Catalog;
using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Stock;

/// <summary>
/// Legacy's stock as the owner: levels, all-or-nothing holds, commits, releases and expiry over
/// <c>legacy.stock_levels</c> and <c>legacy.stock_reservations</c>. Every write is one transaction that enters the
/// ownership fence first, so a cutover waits for it (and it for a cutover) and a write after the owner moved throws
/// <see cref="StockOwnerMovedException"/> with nothing changed. Rows are locked in one order everywhere — the
/// reservation, then stock rows by product id — so writers cannot deadlock; <c>reserved</c> moves only together with
/// the status of a Held reservation, so it always equals the sum of the Held lines.
/// </summary>
internal sealed class LocalStockOwner(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The hold a reservation gets when the caller names none (same as the Inventory module's default).</summary>
    public static readonly TimeSpan DefaultHold = TimeSpan.FromMinutes(10);

    public const string ExpiredReason = "expired";

    public async Task<InternalStockLevel?> GetLevelAsync(Guid productId, CancellationToken ct) =>
        (await GetLevelsAsync([productId], ct)).SingleOrDefault();

    /// <summary>Levels of the products legacy stocks (unknown ones left out); throws when legacy no longer owns stock.</summary>
    public async Task<IReadOnlyList<InternalStockLevel>> GetLevelsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // A read needs no fence (it changes nothing a cutover copies), only the answer that it came from the owner.
        var owner = await StockOwnership.ReadAsync(connection, null, ct);
        if (owner != StockOwner.Legacy)
        {
            throw new StockOwnerMovedException(owner);
        }

        var ids = productIds.Distinct().ToArray();
        return (await connection.QueryAsync<InternalStockLevel>("""
            SELECT product_id AS ProductId, on_hand AS OnHand, reserved AS Reserved, on_hand - reserved AS Available
            FROM legacy.stock_levels WHERE product_id = ANY(@ids) ORDER BY product_id
            """, new { ids })).AsList();
    }

    /// <summary>
    /// Holds every line or none. The first answer for an id stands: a repeat answers Reserved with the stored expiry.
    /// A shortage stores nothing (a repeat is evaluated afresh); a product legacy does not stock is a 404.
    /// </summary>
    public async Task<InternalReserveResponse> ReserveAsync(InternalReserveRequest request, CancellationToken ct)
    {
        // At the database's precision, so the first answer and every repeat of it carry the very same expiry.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        var expiresAt = now + (request.HoldForSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultHold);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await StockOwnership.EnterAsOwnerAsync(connection, transaction, StockOwner.Legacy, ct);

        // The insert doubles as the id's lock: a concurrent repeat waits on it, then sees the committed row (or, if
        // this one rolls back for a shortage, inserts its own).
        var inserted = await connection.ExecuteAsync("""
            INSERT INTO legacy.stock_reservations (reservation_id, status, reference, expires_at, created_at, updated_at)
            VALUES (@ReservationId, 'Held', @Reference, @expiresAt, @now, @now)
            ON CONFLICT (reservation_id) DO NOTHING
            """, new { request.ReservationId, request.Reference, expiresAt, now }, transaction);
        if (inserted == 0)
        {
            var existing = await connection.ExecuteScalarAsync<DateTime>(
                "SELECT expires_at FROM legacy.stock_reservations WHERE reservation_id = @ReservationId", new { request.ReservationId }, transaction);
            return new InternalReserveResponse(request.ReservationId, true, ToOffset(existing), []);
        }

        var stock = await LockStockAsync(connection, transaction, request.Lines.Select(l => l.ProductId));
        if (request.Lines.FirstOrDefault(l => !stock.ContainsKey(l.ProductId)) is { } unknown)
        {
            throw ApiException.NotFound(CatalogService.ProductNotFound, $"No product with id '{unknown.ProductId}'.");
        }

        var shortages = request.Lines
            .Where(l => stock[l.ProductId].Available < l.Quantity)
            .Select(l => new InternalShortage(l.ProductId, l.Quantity, stock[l.ProductId].Available))
            .ToList();
        if (shortages.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            return new InternalReserveResponse(request.ReservationId, false, null, shortages);
        }

        await connection.ExecuteAsync(
            "INSERT INTO legacy.stock_reservation_lines (reservation_id, product_id, quantity) VALUES (@reservationId, @ProductId, @Quantity)",
            request.Lines.Select(l => new { reservationId = request.ReservationId, l.ProductId, l.Quantity }), transaction);
        await connection.ExecuteAsync(
            "UPDATE legacy.stock_levels SET reserved = reserved + @Quantity, updated_at = @now WHERE product_id = @ProductId",
            request.Lines.Select(l => new { l.ProductId, l.Quantity, now }), transaction);
        await transaction.CommitAsync(ct);
        return new InternalReserveResponse(request.ReservationId, true, expiresAt, []);
    }

    /// <summary>
    /// Sells a hold. Committing again answers Committed; a released or expired hold sells nothing; a hold past its
    /// expiry that the sweeper has not reached yet is expired here, so only the expiry time decides.
    /// </summary>
    public async Task<InternalReservationOutcome> CommitAsync(Guid reservationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await StockOwnership.EnterAsOwnerAsync(connection, transaction, StockOwner.Legacy, ct);
        var reservation = await LockReservationAsync(connection, transaction, reservationId);
        if (reservation is null)
        {
            return new InternalReservationOutcome(reservationId, false, InternalStockApi.States.Unknown);
        }

        if (reservation.Status != InternalStockApi.States.Held)
        {
            return new InternalReservationOutcome(reservationId, reservation.Status == InternalStockApi.States.Committed, reservation.Status);
        }

        if (now >= ToOffset(reservation.ExpiresAt))
        {
            await EndAsync(connection, transaction, [reservationId], InternalStockApi.States.Expired, ExpiredReason, now);
            await transaction.CommitAsync(ct);
            return new InternalReservationOutcome(reservationId, false, InternalStockApi.States.Expired);
        }

        await EndAsync(connection, transaction, [reservationId], InternalStockApi.States.Committed, null, now);
        await transaction.CommitAsync(ct);
        return new InternalReservationOutcome(reservationId, true, InternalStockApi.States.Committed);
    }

    /// <summary>Gives a hold back. Unknown, released and expired holds are no-ops (done); a committed one stays sold (not done).</summary>
    public async Task<InternalReservationOutcome> ReleaseAsync(Guid reservationId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await StockOwnership.EnterAsOwnerAsync(connection, transaction, StockOwner.Legacy, ct);
        var reservation = await LockReservationAsync(connection, transaction, reservationId);
        if (reservation is null)
        {
            return new InternalReservationOutcome(reservationId, true, InternalStockApi.States.Unknown);
        }

        if (reservation.Status != InternalStockApi.States.Held)
        {
            return new InternalReservationOutcome(reservationId, reservation.Status != InternalStockApi.States.Committed, reservation.Status);
        }

        await EndAsync(connection, transaction, [reservationId], InternalStockApi.States.Released, reason, now);
        await transaction.CommitAsync(ct);
        return new InternalReservationOutcome(reservationId, true, InternalStockApi.States.Released);
    }

    /// <summary>
    /// Expires one batch of holds past their expiry; answers how many. Rows another transaction holds are skipped
    /// (it is ending them). Throws <see cref="StockOwnerMovedException"/> when legacy does not own stock.
    /// </summary>
    public async Task<int> ExpireDueAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await StockOwnership.EnterAsOwnerAsync(connection, transaction, StockOwner.Legacy, ct);
        var due = (await connection.QueryAsync<Guid>("""
            SELECT reservation_id FROM legacy.stock_reservations
            WHERE status = 'Held' AND expires_at <= @now
            ORDER BY expires_at LIMIT @batchSize
            FOR UPDATE SKIP LOCKED
            """, new { now, batchSize }, transaction)).ToArray();
        if (due.Length > 0)
        {
            await EndAsync(connection, transaction, due, InternalStockApi.States.Expired, ExpiredReason, now);
        }

        await transaction.CommitAsync(ct);
        return due.Length;
    }

    /// <summary>Ends locked Held reservations: their lines leave <c>reserved</c>, and on a commit <c>on_hand</c> too.</summary>
    private static async Task EndAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] reservationIds, string status, string? reason, DateTimeOffset now)
    {
        var lines = (await connection.QueryAsync<(Guid ProductId, int Quantity)>("""
                SELECT product_id, sum(quantity)::int FROM legacy.stock_reservation_lines
                WHERE reservation_id = ANY(@reservationIds) GROUP BY product_id
                """, new { reservationIds }, transaction)).ToList();
        await LockStockAsync(connection, transaction, lines.Select(l => l.ProductId));
        var sold = status == InternalStockApi.States.Committed ? 1 : 0;
        await connection.ExecuteAsync("""
            UPDATE legacy.stock_levels
            SET reserved = reserved - @Quantity, on_hand = on_hand - @Quantity * @sold, updated_at = @now
            WHERE product_id = @ProductId
            """, lines.Select(l => new { l.ProductId, l.Quantity, sold, now }), transaction);
        await connection.ExecuteAsync("""
            UPDATE legacy.stock_reservations SET status = @status, release_reason = @reason, updated_at = @now
            WHERE reservation_id = ANY(@reservationIds)
            """, new { reservationIds, status, reason, now }, transaction);
    }

    private static async Task<Dictionary<Guid, StockRow>> LockStockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<Guid> productIds)
    {
        var ids = productIds.Distinct().Order().ToArray();
        // ORDER BY before FOR UPDATE: PostgreSQL locks the rows in the order it returns them.
        return (await connection.QueryAsync<StockRow>(
                "SELECT product_id AS ProductId, on_hand AS OnHand, reserved AS Reserved FROM legacy.stock_levels WHERE product_id = ANY(@ids) ORDER BY product_id FOR UPDATE",
                new { ids }, transaction))
            .ToDictionary(s => s.ProductId);
    }

    private static Task<ReservationRow?> LockReservationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid reservationId) =>
        connection.QuerySingleOrDefaultAsync<ReservationRow?>(
            "SELECT status AS Status, expires_at AS ExpiresAt FROM legacy.stock_reservations WHERE reservation_id = @reservationId FOR UPDATE",
            new { reservationId }, transaction);

    private static DateTimeOffset ToOffset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private sealed record StockRow(Guid ProductId, int OnHand, int Reserved)
    {
        public int Available => OnHand - Reserved;
    }

    private sealed record ReservationRow(string Status, DateTime ExpiresAt);
}
