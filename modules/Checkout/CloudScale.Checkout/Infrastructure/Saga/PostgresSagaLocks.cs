using CloudScale.Checkout.Application;
using Npgsql;

namespace CloudScale.Checkout.Infrastructure.Saga;

/// <summary>
/// PostgreSQL session-level advisory locks, each held on a dedicated unpooled connection: closing it (or the process
/// dying) ends the database session and so releases the lock; a pooled connection would keep it alive.
/// </summary>
internal sealed class PostgresSagaLocks(string connectionString) : ISagaLocks
{
    private readonly string unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public async Task<IAsyncDisposable> AcquireAsync(Guid checkoutSessionId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            // Always session first, then key: a holder of a key lock never waits for a session, so no cycle can form.
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(hashtextextended($1, 0))", SessionLockName(checkoutSessionId), cancellationToken);
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(hashtextextended($1, 0))", "checkout-key:" + idempotencyKey, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IAsyncDisposable?> TryAcquireAsync(Guid checkoutSessionId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            if (await ExecuteAsync(connection, "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", SessionLockName(checkoutSessionId), cancellationToken) is true)
            {
                return connection;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private static string SessionLockName(Guid checkoutSessionId) => "checkout-session:" + checkoutSessionId.ToString("D");

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(unpooled);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task<object?> ExecuteAsync(NpgsqlConnection connection, string sql, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = name } } };
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
