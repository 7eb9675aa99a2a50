using CloudScale.Checkout.Contracts;

namespace CloudScale.Checkout.Application;

/// <summary>
/// A read-through copy of carts in front of PostgreSQL (the source of truth). Entries hold the stored status; the
/// reader derives EXPIRED. Implementations never throw: a failing cache is a miss.
/// </summary>
internal interface ICartCache
{
    Task<CartView?> GetAsync(Guid cartId, CancellationToken cancellationToken);

    Task SetAsync(CartView cart, CancellationToken cancellationToken);

    /// <summary>Called after every committed change of the cart.</summary>
    Task InvalidateAsync(Guid cartId, CancellationToken cancellationToken);
}
