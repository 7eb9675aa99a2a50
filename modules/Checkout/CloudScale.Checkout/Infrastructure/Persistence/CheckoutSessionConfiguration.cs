using CloudScale.Checkout.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudScale.Checkout.Infrastructure.Persistence;

internal sealed class CheckoutSessionConfiguration : IEntityTypeConfiguration<CheckoutSession>
{
    public void Configure(EntityTypeBuilder<CheckoutSession> session)
    {
        session.ToTable("checkout_sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).HasColumnName("checkout_session_id").ValueGeneratedNever();
        session.Property(s => s.CartId).HasColumnName("cart_id");
        session.Property(s => s.ShopperId).HasColumnName("shopper_id").HasMaxLength(64);
        session.Property(s => s.PaymentMethodId).HasColumnName("payment_method_id");
        session.Property(s => s.ShippingAddress).HasColumnName("shipping_address").HasColumnType("jsonb")
            .HasConversion(JsonColumn.Converter<ShippingAddress>(), JsonColumn.Comparer<ShippingAddress>());
        session.Property(s => s.Lines).HasColumnName("lines").HasColumnType("jsonb")
            .HasConversion(JsonColumn.Converter<IReadOnlyList<CheckoutLine>>(), JsonColumn.Comparer<IReadOnlyList<CheckoutLine>>());
        session.Property(s => s.SubtotalCents).HasColumnName("subtotal_cents");
        session.Property(s => s.ShippingCents).HasColumnName("shipping_cents");
        session.Property(s => s.TotalCents).HasColumnName("total_cents");
        session.Property(s => s.Currency).HasColumnName("currency").HasMaxLength(3).IsRequired();
        session.Property(s => s.Status).HasColumnName("status").HasMaxLength(20).IsRequired();
        session.Property(s => s.FailureCode).HasColumnName("failure_code").HasMaxLength(64);
        session.Property(s => s.OrderId).HasColumnName("order_id");
        session.Property(s => s.CreatedAt).HasColumnName("created_at");
        session.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        session.HasIndex(s => s.CartId).HasDatabaseName("ix_checkout_sessions_cart_id");
    }
}
