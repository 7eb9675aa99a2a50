using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;
using CloudScale.Checkout.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Checkout.Application.Carts;

internal sealed record GetCartQuery(Guid CartId) : IQuery<CartView>;

/// <summary>Cache-aside: the cache first, else PostgreSQL, filling the cache with what was read.</summary>
internal sealed class GetCartHandler(CheckoutDbContext db, ICartCache cache, TimeProvider clock) : IRequestHandler<GetCartQuery, CartView>
{
    public async Task<CartView> Handle(GetCartQuery request, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(request.CartId, cancellationToken) is { } cached)
        {
            return cached.AsOf(clock.GetUtcNow());
        }

        var cart = await db.Carts.AsNoTracking().Include(c => c.Items).SingleOrDefaultAsync(c => c.Id == request.CartId, cancellationToken)
                   ?? throw ApiException.NotFound(CheckoutProblems.CartNotFound, $"No cart with id '{request.CartId}'.");
        var stored = Views.Stored(cart);
        await cache.SetAsync(stored, cancellationToken);
        return stored.AsOf(clock.GetUtcNow());
    }
}
