using CloudScale.Payment.Domain;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Payment.Infrastructure.Persistence;

/// <summary>
/// The short units of work payment handlers are made of. None is open while the gateway is called: a slow gateway
/// must not pin a row lock (or a pooled connection's transaction) for seconds.
/// </summary>
internal static class PaymentRows
{
    /// <summary>The payment, locked (<c>FOR UPDATE</c>) until the current transaction ends; null when there is none.</summary>
    public static async Task<CardPayment?> LockAsync(this PaymentDbContext db, Guid paymentId, CancellationToken cancellationToken) =>
        (await db.Set<CardPayment>()
            .FromSql($"SELECT * FROM payment.payments WHERE payment_id = {paymentId} FOR UPDATE")
            .ToListAsync(cancellationToken))
        .SingleOrDefault();

    /// <summary>The payment as committed, untracked; null when there is none.</summary>
    public static Task<CardPayment?> ReadAsync(this PaymentDbContext db, Guid paymentId, CancellationToken cancellationToken) =>
        db.Set<CardPayment>().AsNoTracking().SingleOrDefaultAsync(p => p.PaymentId == paymentId, cancellationToken);

    public static Task<StoredPaymentMethod?> FindMethodAsync(this PaymentDbContext db, Guid paymentMethodId, CancellationToken cancellationToken) =>
        db.Set<StoredPaymentMethod>().AsNoTracking().SingleOrDefaultAsync(m => m.PaymentMethodId == paymentMethodId, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of its own (saving what it changed) and commits. The change
    /// tracker starts empty, so rows read in an earlier unit are read again rather than served stale.
    /// </summary>
    public static async Task<T> InUnitAsync<T>(this PaymentDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await work();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
