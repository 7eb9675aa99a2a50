using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudScale.BuildingBlocks.Outbox;

/// <summary>
/// Publishes a context's outbox: in commit order per key, marking each message published only after the broker
/// acknowledged it. A crash between the two publishes the message again after restart (at-least-once; consumers
/// dedupe by event id). One dispatcher per schema works at a time (an advisory lock), so order holds across
/// replicas; a failing message holds back only the later messages of its own key.
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IOutboxTransport transport,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int published;
            try
            {
                published = await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database itself failed (the transport's failures are handled per message): try again later.
                logger.LogError(ex, "Outbox dispatch round for {Context} failed", typeof(TContext).Name);
                published = 0;
            }

            if (published == 0)
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>One round: publishes what is due and returns how many messages went out.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var table = OutboxTable.Of(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var isDispatcher = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext({"outbox:" + table.QualifiedName})) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!isDispatcher)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMessage>().FromSqlRaw(table.DueMessagesSql, now, options.Value.BatchSize)
            .AsTracking()
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // Keys go out concurrently; within a key, one after the other, stopping at the first failure.
        var outcomes = await Task.WhenAll(due.GroupBy(m => m.Key).Select(byKey => PublishInOrderAsync(byKey, now, cancellationToken)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcomes.Sum();
    }

    private async Task<int> PublishInOrderAsync(IEnumerable<OutboxMessage> messages, DateTime now, CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var message in messages)
        {
            try
            {
                await transport.PublishAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.Attempts++;
                message.NextAttemptAt = now + options.Value.RetryDelay(message.Attempts);
                message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                logger.LogWarning("Publishing outbox message {MessageId} to {Topic} failed (attempt {Attempts}, next at {NextAttemptAt:O}): {Error}",
                    message.Id, message.Topic, message.Attempts, message.NextAttemptAt, ex.Message);
                return published;
            }

            message.PublishedAt = clock.GetUtcNow().UtcDateTime;
            published++;
        }

        return published;
    }
}
