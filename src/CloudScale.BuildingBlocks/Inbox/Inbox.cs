using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Inbox;

public static class Inbox
{
    public const string TableName = "inbox_messages";

    /// <summary>Maps the inbox table into the context's default schema.</summary>
    public static ModelBuilder AddInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(TableName);
            inbox.HasKey(m => new { m.Consumer, m.MessageId });
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        });
        return modelBuilder;
    }

    /// <summary>
    /// Runs <paramref name="handle"/> for a message unless <paramref name="consumer"/> already handled it, and records
    /// it in the same transaction as the handler's writes (saved through <paramref name="db"/>). Returns false for a
    /// duplicate. A concurrent duplicate waits on the first one's inbox row and is skipped once that commits.
    /// </summary>
    public static async Task<bool> HandleOnceAsync<TContext>(
        TContext db, string consumer, Guid messageId, Func<CancellationToken, Task> handle, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        var entity = db.Model.FindEntityType(typeof(InboxMessage))
                     ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no inbox; call modelBuilder.AddInbox() in OnModelCreating.");
        // Identifiers come from the model, never from input.
        var claimSql = $"INSERT INTO \"{entity.GetSchema() ?? "public"}\".\"{entity.GetTableName()}\" (consumer, message_id, processed_at) "
                       + "VALUES ({0}, {1}, now()) ON CONFLICT DO NOTHING";

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlRawAsync(claimSql, [consumer, messageId], cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await handle(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
