using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudScale.Inventory.Infrastructure;

/// <summary>Lets <c>dotnet ef</c> build the model (migrations/add-migration.sh); it never connects.</summary>
internal sealed class InventoryDesignTimeDbContextFactory : IDesignTimeDbContextFactory<InventoryDbContext>
{
    public InventoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InventoryDbContext>()
            .UseNpgsql("Host=design-time-only", npgsql => npgsql.MigrationsHistoryTable(ModuleSchema.MigrationsHistoryTable, InventoryDbContext.Schema))
            .UseOutbox()
            .Options);
}
