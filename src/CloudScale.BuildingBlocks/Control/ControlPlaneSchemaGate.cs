using Npgsql;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// The control plane's database for the store, with the schema made sure of once: at start by
/// <see cref="ControlPlaneStartup"/> (which tolerates a database that is down) or, failing that, by the first store call.
/// Without a connection string every call fails with a message that names the missing setting.
/// </summary>
internal sealed class ControlPlaneSchemaGate(NpgsqlDataSource? dataSource, string connectionStringName)
{
    private readonly SemaphoreSlim once = new(1, 1);
    private volatile bool ready;

    /// <summary>False when no connection string was configured: the control plane is off and everyone is legacy.</summary>
    public bool HasDatabase => dataSource is not null;

    public string ConnectionStringName => connectionStringName;

    public async ValueTask<NpgsqlDataSource> ReadyAsync(CancellationToken cancellationToken)
    {
        if (dataSource is null)
        {
            throw new InvalidOperationException(
                $"The control plane has no database: set ConnectionStrings:{connectionStringName} to the application database (schema 'control').");
        }

        if (ready)
        {
            return dataSource;
        }

        await once.WaitAsync(cancellationToken);
        try
        {
            if (!ready)
            {
                await ControlPlaneSchema.EnsureAsync(dataSource, cancellationToken);
                ready = true;
            }
        }
        finally
        {
            once.Release();
        }

        return dataSource;
    }
}
