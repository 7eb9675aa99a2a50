using CloudScale.BuildingBlocks.Inbox;
using CloudScale.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.DevStack.Bench;

/// <summary>A module-shaped context for the benchmark: a business table, an outbox, and the consumer's inbox + projection.</summary>
internal sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("bench");
        modelBuilder.Entity<BenchOrder>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.Id);
        });
        modelBuilder.Entity<BenchProjection>(projection =>
        {
            projection.ToTable("projections");
            projection.HasKey(p => p.OrderId);
        });
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

internal sealed class BenchOrder
{
    public Guid Id { get; init; }

    public string Key { get; init; } = "";
}

internal sealed class BenchProjection
{
    public Guid OrderId { get; init; }
}
