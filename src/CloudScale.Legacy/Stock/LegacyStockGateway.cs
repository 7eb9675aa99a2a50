using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using Npgsql;

namespace CloudScale.Legacy.Stock;

/// <summary>
/// The one seam every legacy stock operation goes through (the inventory endpoint, the cart's availability check,
/// checkout's holds, owed commits). It reads the owner plainly and works locally while legacy owns stock, or calls the
/// Inventory module's internal stock API once Inventory owns it. When the owner moved between that read and the
/// owner's fence (a cutover in between) it reads again and routes again, a few times; an owner it cannot reach is a
/// retryable 503 <see cref="OwnerUnavailable"/>, never a 500. It never holds the ownership lock across a remote call.
/// </summary>
internal sealed class LegacyStockGateway(
    NpgsqlDataSource dataSource,
    LocalStockOwner local,
    InventoryStockClient remote,
    ILogger<LegacyStockGateway> logger)
{
    public const string OwnerUnavailable = "stock_owner_unavailable";

    /// <summary>Routing attempts before giving up on an owner that keeps moving.</summary>
    public const int MaxTries = 3;

    /// <summary>The owner right now, by a plain read: good for choosing a path, not for writing under.</summary>
    public async Task<StockOwner> ReadOwnerAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await StockOwnership.ReadAsync(connection, null, ct);
    }

    /// <summary>Null when the owner does not stock the product.</summary>
    public Task<InternalStockLevel?> GetLevelAsync(Guid productId, CancellationToken ct) =>
        RouteAsync("read stock", c => local.GetLevelAsync(productId, c), c => remote.GetLevelAsync(productId, c), ct);

    /// <summary>Levels of the products the owner stocks; the others are left out.</summary>
    public Task<IReadOnlyList<InternalStockLevel>> GetLevelsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct) =>
        RouteAsync("read stock", c => local.GetLevelsAsync(productIds, c), c => remote.GetLevelsAsync(productIds, c), ct);

    public Task<InternalReserveResponse> ReserveAsync(InternalReserveRequest request, CancellationToken ct) =>
        RouteAsync("hold stock", c => local.ReserveAsync(request, c), c => remote.ReserveAsync(request, c), ct);

    public Task<InternalReservationOutcome> CommitAsync(Guid reservationId, CancellationToken ct) =>
        RouteAsync("commit a stock hold", c => local.CommitAsync(reservationId, c), c => remote.CommitAsync(reservationId, c), ct);

    public Task<InternalReservationOutcome> ReleaseAsync(Guid reservationId, string reason, CancellationToken ct) =>
        RouteAsync("release a stock hold", c => local.ReleaseAsync(reservationId, reason, c), c => remote.ReleaseAsync(reservationId, reason, c), ct);

    /// <summary>The 503 a caller gets when stock's owner cannot answer; retrying later is safe.</summary>
    public static ApiException Unavailable(string detail) =>
        new(503, OwnerUnavailable, detail + " Retry shortly.");

    private async Task<T> RouteAsync<T>(
        string what, Func<CancellationToken, Task<T>> onLegacy, Func<CancellationToken, Task<T>> onInventory, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var owner = await ReadOwnerAsync(ct);
            try
            {
                return owner == StockOwner.Legacy ? await onLegacy(ct) : await onInventory(ct);
            }
            catch (StockOwnerMovedException) when (attempt < MaxTries)
            {
                logger.LogInformation("Stock owner moved from {Owner} while trying to {What}; routing again", StockOwnership.ToWire(owner), what);
            }
            catch (StockOwnerMovedException)
            {
                throw Unavailable($"Could not {what}: stock ownership kept moving ({MaxTries} tries).");
            }
            catch (StockOwnerUnavailableException unavailable)
            {
                throw Unavailable($"Could not {what}: {unavailable.Message}");
            }
        }
    }
}
