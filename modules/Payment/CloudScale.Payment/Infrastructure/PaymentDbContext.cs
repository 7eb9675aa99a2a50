using CloudScale.BuildingBlocks.Inbox;
using CloudScale.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Payment.Infrastructure;

/// <summary>Payment's own tables, all in schema <c>payment</c>, with its outbox and inbox beside them.</summary>
internal sealed class PaymentDbContext(DbContextOptions<PaymentDbContext> options) : DbContext(options)
{
    public const string Schema = "payment";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PaymentDbContext).Assembly);
    }
}
