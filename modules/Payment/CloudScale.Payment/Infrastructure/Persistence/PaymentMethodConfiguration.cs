using CloudScale.Payment.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudScale.Payment.Infrastructure.Persistence;

/// <summary>No column can hold a card number: the widest card-derived column is <c>last4</c>.</summary>
internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<StoredPaymentMethod>
{
    public void Configure(EntityTypeBuilder<StoredPaymentMethod> method)
    {
        method.ToTable("payment_methods", table =>
        {
            table.HasCheckConstraint("ck_payment_methods_last4", "last4 ~ '^[0-9]{4}$'");
            table.HasCheckConstraint("ck_payment_methods_exp_month", "exp_month BETWEEN 1 AND 12");
        });
        method.HasKey(m => m.PaymentMethodId);
        method.Property(m => m.PaymentMethodId).HasColumnName("payment_method_id").ValueGeneratedNever();
        method.Property(m => m.ShopperId).HasColumnName("shopper_id").HasMaxLength(64);
        method.Property(m => m.GatewayToken).HasColumnName("gateway_token").HasMaxLength(100).IsRequired();
        method.Property(m => m.Brand).HasColumnName("brand").HasMaxLength(20).IsRequired();
        method.Property(m => m.Last4).HasColumnName("last4").HasMaxLength(4).IsRequired();
        method.Property(m => m.ExpMonth).HasColumnName("exp_month");
        method.Property(m => m.ExpYear).HasColumnName("exp_year");
        method.Property(m => m.HolderName).HasColumnName("holder_name").HasMaxLength(100);
        method.Property(m => m.CreatedAt).HasColumnName("created_at");
        method.HasIndex(m => m.ShopperId).HasDatabaseName("ix_payment_methods_shopper_id");
    }
}
