using CloudScale.Checkout.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudScale.Checkout.Infrastructure.Persistence;

internal sealed class CartConfiguration : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> cart)
    {
        cart.ToTable("carts");
        cart.HasKey(c => c.Id);
        cart.Property(c => c.Id).HasColumnName("cart_id").ValueGeneratedNever();
        cart.Property(c => c.ShopperId).HasColumnName("shopper_id").HasMaxLength(64);
        cart.Property(c => c.Status).HasColumnName("status").HasMaxLength(20).IsRequired();
        cart.Property(c => c.ExpiresAt).HasColumnName("expires_at");
        cart.Property(c => c.CreatedAt).HasColumnName("created_at");
        cart.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        cart.Ignore(c => c.OrderedItems);
        cart.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CartId).OnDelete(DeleteBehavior.Cascade);
        cart.Navigation(c => c.Items).HasField("items").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> item)
    {
        item.ToTable("cart_items");
        item.HasKey(i => new { i.CartId, i.ProductId });
        item.Property(i => i.CartId).HasColumnName("cart_id");
        item.Property(i => i.ProductId).HasColumnName("product_id");
        item.Property(i => i.ProductName).HasColumnName("product_name").HasMaxLength(200).IsRequired();
        item.Property(i => i.UnitPriceCents).HasColumnName("unit_price_cents");
        item.Property(i => i.Quantity).HasColumnName("quantity");
        item.Property(i => i.AddedAt).HasColumnName("added_at");
        item.Ignore(i => i.LineTotalCents);
        item.ToTable(t => t.HasCheckConstraint("ck_cart_items_quantity", $"quantity BETWEEN 1 AND {Cart.MaxQuantity}"));
    }
}
