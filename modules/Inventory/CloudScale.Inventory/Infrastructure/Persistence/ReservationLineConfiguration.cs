using CloudScale.Inventory.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudScale.Inventory.Infrastructure.Persistence;

internal sealed class ReservationLineConfiguration : IEntityTypeConfiguration<ReservationLine>
{
    public const string Table = "reservation_lines";

    public void Configure(EntityTypeBuilder<ReservationLine> builder)
    {
        // One line per product: the key itself refuses a reservation naming a product twice.
        builder.ToTable(Table, table => table.HasCheckConstraint(
            "ck_reservation_lines_quantity", $"quantity BETWEEN {ReservationLimits.MinQuantity} AND {ReservationLimits.MaxQuantity}"));
        builder.HasKey(l => new { l.ReservationId, l.ProductId }).HasName("pk_reservation_lines");
        builder.Property(l => l.ReservationId).HasColumnName("reservation_id");
        builder.Property(l => l.ProductId).HasColumnName("product_id");
        builder.Property(l => l.Quantity).HasColumnName("quantity");
        builder.HasOne<StockItem>().WithMany().HasForeignKey(l => l.ProductId)
            .HasConstraintName("fk_reservation_lines_stock_item").OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.ProductId).HasDatabaseName("ix_reservation_lines_product_id");
    }
}
