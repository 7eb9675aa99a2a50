using CloudScale.BuildingBlocks.Control;
using Npgsql;

namespace CloudScale.Proxy.ControlPlane;

/// <summary>
/// The proxy's connection to the control plane database (<c>ConnectionStrings:Control</c>) for what flags do not
/// carry: who owns stock. Connections open per request, so the proxy starts and routes while the database is down.
/// </summary>
internal sealed class ControlDatabase(string connectionString) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);

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

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
