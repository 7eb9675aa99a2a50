using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudScale.BuildingBlocks.Outbox;

/// <summary>
/// Gives new outbox rows their per-key ordinal by bumping the key's counter row in <c>outbox_keys</c>. That row stays
/// locked until the business transaction ends, so a second writer of the same key waits for the first to commit (or
/// roll back) before it draws its ordinal: ordinal order is commit order, which insert order (an identity) is not.
/// Without an explicit transaction the interceptor opens one around SaveChanges so the lock lasts until commit.
/// Keys are locked in sorted order within one SaveChanges, so two savers of the same keys cannot deadlock.
/// </summary>
internal sealed class OutboxOrderingInterceptor : SaveChangesInterceptor
{
    public static readonly OutboxOrderingInterceptor Instance = new();

    private static readonly ConditionalWeakTable<DbContext, IDbContextTransaction> OwnTransactions = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AssignOrdinalsAsync(eventData.Context!, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await AssignOrdinalsAsync(eventData.Context!, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EndOwnTransactionAsync(eventData.Context!, commit: true).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EndOwnTransactionAsync(eventData.Context!, commit: true);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        EndOwnTransactionAsync(eventData.Context!, commit: false).GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        EndOwnTransactionAsync(eventData.Context!, commit: false);

    public override void SaveChangesCanceled(DbContextEventData eventData) =>
        EndOwnTransactionAsync(eventData.Context!, commit: false).GetAwaiter().GetResult();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        EndOwnTransactionAsync(eventData.Context!, commit: false);

    private static async Task AssignOrdinalsAsync(DbContext db, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<OutboxMessage>()
            .Where(entry => entry.State == EntityState.Added && entry.Entity.KeyOrdinal == 0)
            .Select(entry => entry.Entity)
            .ToList();
        if (added.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            OwnTransactions.AddOrUpdate(db, await db.Database.BeginTransactionAsync(cancellationToken));
        }

        var table = OutboxTable.Of(db);
        foreach (var byKey in added.GroupBy(m => m.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var count = byKey.Count();
            // INSERT … RETURNING cannot be composed over (no Single/First): read the one row as a list.
            var last = (await db.Database.SqlQueryRaw<long>(table.DrawOrdinalsSql, byKey.Key, count).ToListAsync(cancellationToken))[0];
            var next = last - count + 1;
            foreach (var message in byKey.OrderBy(m => m.CreatedOrder))
            {
                message.KeyOrdinal = next++;
            }
        }
    }

    private static async Task EndOwnTransactionAsync(DbContext db, bool commit)
    {
        if (!OwnTransactions.TryGetValue(db, out var transaction))
        {
            return;
        }

        OwnTransactions.Remove(db);
        await using (transaction)
        {
            // Not cancellable: once the changes are saved, the commit must happen or the saved rows are lost.
            await (commit ? transaction.CommitAsync(CancellationToken.None) : transaction.RollbackAsync(CancellationToken.None));
        }
    }
}
