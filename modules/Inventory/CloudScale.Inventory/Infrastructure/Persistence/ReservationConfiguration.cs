using CloudScale.Inventory.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudScale.Inventory.Infrastructure.Persistence;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public const string Table = "reservations";

    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable(Table, table => table.HasCheckConstraint(
            "ck_reservations_status", "status IN ('Held', 'Committed', 'Released', 'Expired')"));
        builder.HasKey(r => r.ReservationId).HasName("pk_reservations");
        builder.Property(r => r.ReservationId).HasColumnName("reservation_id").ValueGeneratedNever();
        builder.Property(r => r.Status).HasColumnName("status").HasConversion<string>().IsRequired();
        builder.Property(r => r.Reference).HasColumnName("reference");
        builder.Property(r => r.ReleaseReason).HasColumnName("release_reason");
        builder.Property(r => r.ExpiresAt).HasColumnName("expires_at");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReservationId)
            .HasConstraintName("fk_reservation_lines_reservation").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The expiry sweeper's scan: only holds still open.
        builder.HasIndex(r => r.ExpiresAt).HasDatabaseName("ix_reservations_held_expires_at").HasFilter("status = 'Held'");
    }
}
