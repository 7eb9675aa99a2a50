using CloudScale.BuildingBlocks.Inbox;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Checkout.Domain;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Checkout.Infrastructure;

/// <summary>Checkout's own tables, all in schema <c>checkout</c>, with its outbox and inbox beside them.</summary>
internal sealed class CheckoutDbContext(DbContextOptions<CheckoutDbContext> options) : DbContext(options)
{
    public const string Schema = "checkout";

    public DbSet<Cart> Carts => Set<Cart>();

    public DbSet<CheckoutSession> Sessions => Set<CheckoutSession>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<CheckoutSaga> Sagas => Set<CheckoutSaga>();

    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CheckoutDbContext).Assembly);
    }
}
