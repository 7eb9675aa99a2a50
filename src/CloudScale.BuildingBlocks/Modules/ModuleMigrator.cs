using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudScale.BuildingBlocks.Modules;

/// <summary>
/// Applies a module's EF migrations when the host starts (dev stack and tests; production runs them as a job).
/// EF takes a database lock for the duration, so several hosts starting together migrate once.
/// </summary>
internal sealed class ModuleMigrator<TContext>(IServiceScopeFactory scopes, ILogger<ModuleMigrator<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Applied {Count} migrations to {Context}: {Migrations}", pending.Count, typeof(TContext).Name, string.Join(", ", pending));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
