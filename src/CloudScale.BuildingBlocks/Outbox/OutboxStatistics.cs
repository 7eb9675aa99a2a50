using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Outbox;

/// <summary>Publication state of one outbox, for status views: what waits, what keeps failing, and for how long.</summary>
public sealed record OutboxStatistics(long Pending, long Failing, DateTime? OldestPendingAt)
{
    public static async Task<OutboxStatistics> ReadAsync(DbContext db, CancellationToken cancellationToken)
    {
        var pending = db.Set<OutboxMessage>().Where(m => m.PublishedAt == null);
        return new OutboxStatistics(
            await pending.LongCountAsync(cancellationToken),
            await pending.LongCountAsync(m => m.Attempts > 0, cancellationToken),
            await pending.MinAsync(m => (DateTime?)m.OccurredAt, cancellationToken));
    }
}
