using CloudScale.BuildingBlocks.Inbox;
using CloudScale.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Tests.Outbox;

/// <summary>A module-shaped context: its own schema, one business table, an outbox and an inbox.</summary>
public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    public DbSet<ShopOrder> Orders => Set<ShopOrder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("shop");
        modelBuilder.Entity<ShopOrder>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.Id);
        });
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

public sealed class ShopOrder
{
    public Guid Id { get; init; }

    public string Note { get; init; } = "";
}
