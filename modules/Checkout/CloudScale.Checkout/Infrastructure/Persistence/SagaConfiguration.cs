using CloudScale.Checkout.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudScale.Checkout.Infrastructure.Persistence;

internal sealed class SagaConfiguration : IEntityTypeConfiguration<CheckoutSaga>
{
    public void Configure(EntityTypeBuilder<CheckoutSaga> saga)
    {
        saga.ToTable("sagas");
        saga.HasKey(s => s.Id);
        saga.Property(s => s.Id).HasColumnName("saga_id").ValueGeneratedNever();
        saga.Property(s => s.CheckoutSessionId).HasColumnName("checkout_session_id");
        saga.Property(s => s.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(200).IsRequired();
        saga.Property(s => s.ReservationId).HasColumnName("reservation_id");
        saga.Property(s => s.PaymentId).HasColumnName("payment_id");
        saga.Property(s => s.OrderId).HasColumnName("order_id");
        saga.Property(s => s.Step).HasColumnName("step").HasMaxLength(20).IsRequired();
        saga.Property(s => s.Status).HasColumnName("status").HasMaxLength(20).IsRequired();
        saga.Property(s => s.CorrelationId).HasColumnName("correlation_id").HasMaxLength(128);
        saga.Property(s => s.TraceId).HasColumnName("trace_id").HasMaxLength(32);
        saga.Property(s => s.SpanId).HasColumnName("span_id").HasMaxLength(16);
        saga.Property(s => s.RecoveryAttempts).HasColumnName("recovery_attempts");
        saga.Property(s => s.LastError).HasColumnName("last_error").HasMaxLength(2000);
        saga.Property(s => s.CreatedAt).HasColumnName("created_at");
        saga.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        saga.Ignore(s => s.IsRunning);
        // At most one unfinished attempt per session (the session lock serialises them; this makes it a fact).
        saga.HasIndex(s => s.CheckoutSessionId, "ux_sagas_running_session").IsUnique().HasFilter("status = 'RUNNING'");
        saga.HasIndex(s => s.CheckoutSessionId, "ix_sagas_checkout_session_id");
        // The recovery job's scan.
        saga.HasIndex(s => s.UpdatedAt, "ix_sagas_running_updated_at").HasFilter("status = 'RUNNING'");
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_keys");
        record.HasKey(r => r.Key);
        record.Property(r => r.Key).HasColumnName("idempotency_key").HasMaxLength(200);
        record.Property(r => r.CheckoutSessionId).HasColumnName("checkout_session_id");
        record.Property(r => r.Answer).HasColumnName("answer").IsRequired();
        record.Property(r => r.CreatedAt).HasColumnName("created_at");
    }
}
