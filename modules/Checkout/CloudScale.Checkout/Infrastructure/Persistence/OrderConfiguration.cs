using CloudScale.Checkout.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudScale.Checkout.Infrastructure.Persistence;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.Id).HasColumnName("order_id").ValueGeneratedNever();
        order.Property(o => o.CheckoutSessionId).HasColumnName("checkout_session_id");
        order.Property(o => o.CartId).HasColumnName("cart_id");
        order.Property(o => o.ShopperId).HasColumnName("shopper_id").HasMaxLength(64);
        order.Property(o => o.Status).HasColumnName("status").HasMaxLength(20).IsRequired();
        order.Property(o => o.SubtotalCents).HasColumnName("subtotal_cents");
        order.Property(o => o.ShippingCents).HasColumnName("shipping_cents");
        order.Property(o => o.TotalCents).HasColumnName("total_cents");
        order.Property(o => o.Currency).HasColumnName("currency").HasMaxLength(3).IsRequired();
        order.Property(o => o.ShippingAddress).HasColumnName("shipping_address").HasColumnType("jsonb")
            .HasConversion(JsonColumn.Converter<ShippingAddress>(), JsonColumn.Comparer<ShippingAddress>());
        order.Property(o => o.PaymentId).HasColumnName("payment_id");
        order.Property(o => o.CreatedAt).HasColumnName("created_at");
        order.Property(o => o.UpdatedAt).HasColumnName("updated_at");
        // A session sells at most once: the saga's order id is fixed, and no second order can sneak in beside it.
        order.HasIndex(o => o.CheckoutSessionId).IsUnique().HasDatabaseName("ux_orders_checkout_session_id");
        order.HasIndex(o => new { o.ShopperId, o.CreatedAt }).IsDescending(false, true).HasDatabaseName("ix_orders_shopper_created");
        order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        order.Navigation(o => o.Lines).HasField("lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> line)
    {
        line.ToTable("order_lines");
        line.HasKey(l => new { l.OrderId, l.LineNo });
        line.Property(l => l.OrderId).HasColumnName("order_id");
        line.Property(l => l.LineNo).HasColumnName("line_no");
        line.Property(l => l.ProductId).HasColumnName("product_id");
        line.Property(l => l.ProductName).HasColumnName("product_name").HasMaxLength(200).IsRequired();
        line.Property(l => l.Quantity).HasColumnName("quantity");
        line.Property(l => l.UnitPriceCents).HasColumnName("unit_price_cents");
    }
}
