using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudScale.Payment.Infrastructure;

/// <summary>Lets <c>dotnet ef</c> build the model (migrations/add-migration.sh); it never connects.</summary>
internal sealed class PaymentDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PaymentDbContext>
{
    public PaymentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PaymentDbContext>()
            .UseNpgsql("Host=design-time-only", npgsql => npgsql.MigrationsHistoryTable(ModuleSchema.MigrationsHistoryTable, PaymentDbContext.Schema))
            .UseOutbox()
            .Options);
}
