using CloudScale.Inventory.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudScale.Inventory.Infrastructure.Persistence;

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public const string Table = "stock_items";

    public void Configure(EntityTypeBuilder<StockItem> builder)
    {
        // The CHECKs repeat the domain's rules so that no code path (a raw UPDATE, a future bug) can oversell.
        builder.ToTable(Table, table =>
        {
            table.HasCheckConstraint("ck_stock_items_on_hand", "on_hand >= 0");
            table.HasCheckConstraint("ck_stock_items_reserved", "reserved >= 0 AND reserved <= on_hand");
        });
        builder.HasKey(s => s.ProductId).HasName("pk_stock_items");
        builder.Property(s => s.ProductId).HasColumnName("product_id").ValueGeneratedNever();
        builder.Property(s => s.OnHand).HasColumnName("on_hand");
        builder.Property(s => s.Reserved).HasColumnName("reserved");
        builder.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        builder.Ignore(s => s.Available);
    }
}
