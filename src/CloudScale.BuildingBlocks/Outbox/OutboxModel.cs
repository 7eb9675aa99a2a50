using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Outbox;

public static class OutboxModel
{
    /// <summary>Every context with an outbox must use this: it gives each event its per-key ordinal at SaveChanges.</summary>
    public static TBuilder UseOutbox<TBuilder>(this TBuilder options)
        where TBuilder : DbContextOptionsBuilder
    {
        options.AddInterceptors(OutboxOrderingInterceptor.Instance);
        return options;
    }

    public const string TableName = "outbox_messages";
    public const string KeysTableName = "outbox_keys";

    /// <summary>Maps the outbox table into the context's default schema, beside the module's own tables.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(TableName);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id");
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.KeyOrdinal).HasColumnName("key_ordinal");
            outbox.Ignore(m => m.CreatedOrder);
            // A context without the ordering interceptor would insert 0: fail loudly instead of publishing out of order.
            outbox.ToTable(TableName, table => table.HasCheckConstraint($"ck_{TableName}_key_ordinal", "key_ordinal > 0"));
            outbox.HasIndex(m => new { m.Key, m.KeyOrdinal }).IsUnique().HasDatabaseName($"ux_{TableName}_key_ordinal");
            outbox.Property(m => m.Topic).HasColumnName("topic").HasMaxLength(249).IsRequired();
            outbox.Property(m => m.Key).HasColumnName("key").HasMaxLength(200).IsRequired();
            outbox.Property(m => m.Payload).HasColumnName("payload").IsRequired();
            outbox.Property(m => m.ValueSchema).HasColumnName("value_schema").IsRequired();
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
            outbox.Property(m => m.CorrelationId).HasColumnName("correlation_id").HasMaxLength(128);
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.PublishedAt).HasColumnName("published_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            // The dispatcher's scan: unpublished rows only.
            outbox.HasIndex(m => m.Sequence).HasDatabaseName($"ix_{TableName}_pending").HasFilter("published_at IS NULL");
        });
        modelBuilder.Entity<OutboxKey>(keys =>
        {
            keys.ToTable(KeysTableName);
            keys.HasKey(k => k.Key);
            keys.Property(k => k.Key).HasColumnName("key").HasMaxLength(200);
            keys.Property(k => k.LastOrdinal).HasColumnName("last_ordinal");
        });
        return modelBuilder;
    }
}
