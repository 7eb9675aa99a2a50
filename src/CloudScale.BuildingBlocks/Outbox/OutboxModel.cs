using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Outbox;

public static class OutboxModel
{
    public const string TableName = "outbox_messages";

    /// <summary>Maps the outbox table into the context's default schema, beside the module's own tables.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(TableName);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id");
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
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
            // The dispatcher's scan: unpublished rows in commit order, and the per-key "earlier one still waiting" check.
            outbox.HasIndex(m => m.Sequence).HasDatabaseName($"ix_{TableName}_pending").HasFilter("published_at IS NULL");
            outbox.HasIndex(m => new { m.Key, m.Sequence }).HasDatabaseName($"ix_{TableName}_pending_key").HasFilter("published_at IS NULL");
        });
        return modelBuilder;
    }
}
