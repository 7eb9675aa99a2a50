using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.DevStack.Bench;

/// <summary>Hands the dispatcher a fresh context per round without a whole service container.</summary>
internal sealed class SingleContextScopes(DbContextOptions<BenchDbContext> options) : IServiceScopeFactory
{
    public IServiceScope CreateScope() => new Scope(new BenchDbContext(options));

    private sealed class Scope(BenchDbContext context) : IServiceScope, IServiceProvider, IAsyncDisposable
    {
        public IServiceProvider ServiceProvider => this;

        public object? GetService(Type serviceType) => serviceType == typeof(BenchDbContext) ? context : null;

        public void Dispose() => context.Dispose();

        public ValueTask DisposeAsync() => context.DisposeAsync();
    }
}
