using CloudScale.Checkout.Application;
using CloudScale.Checkout.Contracts;

namespace CloudScale.Checkout.Infrastructure.Caching;

/// <summary>No <c>Checkout:Redis</c> configured: every read goes to PostgreSQL.</summary>
internal sealed class NoCartCache : ICartCache
{
    public Task<CartView?> GetAsync(Guid cartId, CancellationToken cancellationToken) => Task.FromResult<CartView?>(null);

    public Task SetAsync(CartView cart, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task InvalidateAsync(Guid cartId, CancellationToken cancellationToken) => Task.CompletedTask;
}
