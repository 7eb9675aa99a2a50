// Inventory's DbContext maps its own entity into schema inventory, and five objects elsewhere.
using Fixture.Inventory.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fixture.Inventory.Infrastructure;

internal sealed class ProductRow
{
    public Guid Id { get; set; }

    public List<PriceRow> Prices { get; set; } = [];
}

internal sealed class PriceRow
{
    public decimal Amount { get; set; }
}

internal sealed class StockReportRow
{
    public int Total { get; set; }
}

internal sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("inventory");
        modelBuilder.Entity<StockItem>().ToTable("stock_items");
        modelBuilder.Entity<ProductRow>(product =>
        {
            product.ToTable("products", "legacy");
            product.OwnsMany(p => p.Prices, prices => prices.ToTable("product_prices", "catalog"));
        });
        modelBuilder.Entity<StockReportRow>().HasNoKey().ToView("stock_report", "reporting");
        modelBuilder.HasSequence<long>("legacy_ids", "legacy");
    }
}

// No MigrationsHistoryTable(…, "inventory"): the history lands in the connection's default schema.
internal sealed class InventoryDesignTimeDbContextFactory : IDesignTimeDbContextFactory<InventoryDbContext>
{
    public InventoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InventoryDbContext>().UseNpgsql("Host=design-time-only").Options);
}
