using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudScale.Checkout.Infrastructure;

/// <summary>Lets <c>dotnet ef</c> build the model (migrations/add-migration.sh); it never connects.</summary>
internal sealed class CheckoutDesignTimeDbContextFactory : IDesignTimeDbContextFactory<CheckoutDbContext>
{
    public CheckoutDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CheckoutDbContext>()
            .UseNpgsql("Host=design-time-only", npgsql => npgsql.MigrationsHistoryTable(ModuleSchema.MigrationsHistoryTable, CheckoutDbContext.Schema))
            .UseOutbox()
            .Options);
}
