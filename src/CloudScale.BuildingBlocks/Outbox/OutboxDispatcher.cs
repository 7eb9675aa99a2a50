using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudScale.BuildingBlocks.Outbox;

/// <summary>
/// Publishes a context's outbox in per-key ordinal order (commit order), marking messages published only after the
/// broker acknowledged them; a crash in between publishes them again (at-least-once; consumers dedupe by event id).
/// One dispatcher per outbox works at a time: it holds a session advisory lock for the round, on its own
/// connection, with no transaction open while it waits on the broker. A failing message holds back only the later
/// messages of its own key, and is retried with backoff for as long as it takes.
/// </summary>
public sealed class OutboxDispatcher<TContext> : BackgroundService
    where TContext : DbContext
{
    private readonly IServiceScopeFactory scopes;
    private readonly IOutboxTransport transport;
    private readonly OutboxOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<OutboxDispatcher<TContext>> logger;

    public OutboxDispatcher(
        IServiceScopeFactory scopes, IOutboxTransport transport, OutboxOptions options, TimeProvider clock, ILogger<OutboxDispatcher<TContext>> logger)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"outbox options for {typeof(TContext).Name} are invalid: {string.Join("; ", problems)}", nameof(options));
        }

        (this.scopes, this.transport, this.options, this.clock, this.logger) = (scopes, transport, options, clock, logger);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int published;
            try
            {
                published = await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever failed (database, an HTTP timeout surfacing as a cancellation), the dispatcher keeps going.
                logger.LogError(ex, "Outbox dispatch round for {Context} failed", typeof(TContext).Name);
                published = 0;
            }

            if (published == 0)
            {
                await Task.Delay(options.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>One round: publishes what is due and returns how many messages went out (0 when another dispatcher holds the outbox).</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var table = OutboxTable.Of(db);
        await using var session = new NpgsqlConnection(db.Database.GetConnectionString());
        await session.OpenAsync(cancellationToken);
        if (!await ScalarAsync<bool>(session, "SELECT pg_try_advisory_lock(hashtext($1))", CancellationToken.None, table.DispatcherLockName))
        {
            return 0;
        }

        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Database.SqlQueryRaw<DueMessage>(table.DueMessagesSql, now, options.BatchSize).ToListAsync(cancellationToken);
            var runs = due.GroupBy(d => d.Key).Select(RunFromHead).Where(run => run.Count > 0).ToList();
            if (runs.Count == 0)
            {
                return 0;
            }

            var ids = runs.SelectMany(run => run).ToArray();
            var messages = await db.Set<OutboxMessage>().AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
            var outcomes = await Task.WhenAll(runs.Select(run => PublishRunAsync(run.Select(id => messages[id]), cancellationToken)));
            // Acknowledged is acknowledged: record it even when the round is being cancelled.
            await RecordAsync(session, table, outcomes);
            return outcomes.Sum(o => o.Published.Count);
        }
        finally
        {
            await ScalarAsync<bool>(session, "SELECT pg_advisory_unlock(hashtext($1))", CancellationToken.None, table.DispatcherLockName);
        }
    }

    /// <summary>The key's messages from its oldest unpublished ordinal on, without gaps; nothing if the batch cut off its head.</summary>
    private static List<Guid> RunFromHead(IGrouping<string, DueMessage> byKey)
    {
        var run = new List<Guid>();
        var expected = byKey.First().HeadOrdinal;
        foreach (var message in byKey.OrderBy(m => m.KeyOrdinal))
        {
            if (message.KeyOrdinal != expected)
            {
                break;
            }

            run.Add(message.Id);
            expected++;
        }

        return run;
    }

    private async Task<RunOutcome> PublishRunAsync(IEnumerable<OutboxMessage> run, CancellationToken cancellationToken)
    {
        var published = new List<Guid>();
        foreach (var message in run)
        {
            try
            {
                await transport.PublishAsync(message, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var attempts = message.Attempts + 1;
                var next = clock.GetUtcNow().UtcDateTime + options.RetryDelay(attempts);
                logger.LogWarning("Publishing outbox message {MessageId} to {Topic} failed (attempt {Attempts}, next at {NextAttemptAt:O}): {Error}",
                    message.Id, message.Topic, attempts, next, ex.Message);
                return new RunOutcome(published, new FailedMessage(message.Id, attempts, next, ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message));
            }
            catch (OperationCanceledException)
            {
                break;
            }

            published.Add(message.Id);
        }

        return new RunOutcome(published, null);
    }

    private async Task RecordAsync(NpgsqlConnection session, OutboxTable table, RunOutcome[] outcomes)
    {
        var published = outcomes.SelectMany(o => o.Published).ToArray();
        if (published.Length > 0)
        {
            await using var mark = new NpgsqlCommand($"UPDATE {table.QualifiedName} SET published_at = $1 WHERE id = ANY($2)", session);
            mark.Parameters.AddWithValue(clock.GetUtcNow().UtcDateTime);
            mark.Parameters.AddWithValue(published);
            await mark.ExecuteNonQueryAsync(CancellationToken.None);
        }

        foreach (var failed in outcomes.Select(o => o.Failed).OfType<FailedMessage>())
        {
            await using var retry = new NpgsqlCommand(
                $"UPDATE {table.QualifiedName} SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1", session);
            retry.Parameters.AddWithValue(failed.Id);
            retry.Parameters.AddWithValue(failed.Attempts);
            retry.Parameters.AddWithValue(failed.NextAttemptAt);
            retry.Parameters.AddWithValue(failed.Error);
            await retry.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record RunOutcome(List<Guid> Published, FailedMessage? Failed);

    private sealed record FailedMessage(Guid Id, int Attempts, DateTime NextAttemptAt, string Error);
}

/// <summary>A due row as the dispatcher's scan returns it.</summary>
internal sealed class DueMessage
{
    public Guid Id { get; init; }

    public string Key { get; init; } = "";

    public long KeyOrdinal { get; init; }

    public long HeadOrdinal { get; init; }
}
