using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using Npgsql;

namespace CloudScale.Proxy.ControlPlane;

/// <summary>
/// The control plane database as the admin API needs it beyond flags: who owns stock (and, for the cutover, the
/// connection itself). It is the control plane's shared data source; connections open per request, so the proxy
/// starts and routes while the database is down.
/// </summary>
internal sealed class ControlDatabase(NpgsqlDataSource? dataSource)
{
    /// <summary>The database, or a 503 naming the missing setting when the proxy runs without a control plane.</summary>
    public NpgsqlDataSource DataSource => dataSource
        ?? throw new ApiException(StatusCodes.Status503ServiceUnavailable, ProxyProblemCodes.ControlPlaneUnavailable,
            $"This proxy has no control plane: ConnectionStrings:{ControlPlaneExtensions.ConnectionName} is not set, so every shopper is routed to legacy.");

    /// <summary>Owner and epoch read in one snapshot, so the status never pairs an owner with another cutover's epoch.</summary>
    public async Task<OwnerStatus> ReadStockOwnerAsync(CancellationToken cancel)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancel);
        var owner = await StockOwnership.ReadAsync(connection, transaction, cancel);
        await using var command = new NpgsqlCommand("SELECT epoch FROM control.data_owners WHERE domain = @domain", connection, transaction);
        command.Parameters.AddWithValue("domain", StockOwnership.Domain);
        var epoch = (long)(await command.ExecuteScalarAsync(cancel))!;
        await transaction.CommitAsync(cancel);
        return new OwnerStatus(StockOwnership.Domain, StockOwnership.ToWire(owner), epoch);
    }
}
