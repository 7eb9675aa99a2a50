using CloudScale.BuildingBlocks.Inbox;
using CloudScale.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Inventory.Infrastructure;

/// <summary>Inventory's own tables, all in schema <c>inventory</c>, with its outbox and inbox beside them.</summary>
internal sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    public const string Schema = "inventory";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InventoryDbContext).Assembly);
    }
}
