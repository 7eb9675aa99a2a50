using CloudScale.Payment.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudScale.Payment.Infrastructure.Persistence;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<CardPayment>
{
    public const string Table = "payments";

    public void Configure(EntityTypeBuilder<CardPayment> payment)
    {
        payment.ToTable(Table, table =>
        {
            table.HasCheckConstraint("ck_payments_amount", "amount_cents > 0");
            table.HasCheckConstraint("ck_payments_refunded", "refunded_cents >= 0 AND refunded_cents <= amount_cents");
            table.HasCheckConstraint("ck_payments_currency", "currency ~ '^[A-Z]{3}$'");
            table.HasCheckConstraint("ck_payments_status",
                "status IN ('PENDING', 'AUTHORIZED', 'CAPTURED', 'DECLINED', 'VOIDED', 'REFUNDED')");
        });
        payment.HasKey(p => p.PaymentId);
        // Chosen by the caller: it is the idempotency key of every call for the payment.
        payment.Property(p => p.PaymentId).HasColumnName("payment_id").ValueGeneratedNever();
        payment.Property(p => p.PaymentMethodId).HasColumnName("payment_method_id");
        payment.Property(p => p.AmountCents).HasColumnName("amount_cents");
        payment.Property(p => p.RefundedCents).HasColumnName("refunded_cents");
        payment.Property(p => p.Currency).HasColumnName("currency").HasMaxLength(3).IsFixedLength(false).IsRequired();
        payment.Property(p => p.State).HasColumnName("status").HasMaxLength(16).IsRequired()
            .HasConversion(state => StatusText(state), text => ParseStatus(text));
        payment.Property(p => p.GatewayReference).HasColumnName("gateway_reference").HasMaxLength(100);
        payment.Property(p => p.DeclineCode).HasColumnName("decline_code").HasMaxLength(64);
        payment.Property(p => p.Reference).HasColumnName("reference").HasMaxLength(200);
        payment.Property(p => p.CreatedAt).HasColumnName("created_at");
        payment.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        payment.HasOne<StoredPaymentMethod>().WithMany().HasForeignKey(p => p.PaymentMethodId).OnDelete(DeleteBehavior.Restrict);
        payment.HasIndex(p => p.PaymentMethodId).HasDatabaseName("ix_payments_payment_method_id");
    }

    /// <summary>The <c>status</c> column's text for a state, e.g. <c>AUTHORIZED</c>.</summary>
    public static string StatusText(PaymentState state) => state.ToString().ToUpperInvariant();

    private static PaymentState ParseStatus(string text) => Enum.Parse<PaymentState>(text, ignoreCase: true);
}
