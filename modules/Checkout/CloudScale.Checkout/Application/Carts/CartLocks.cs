using CloudScale.BuildingBlocks.Http;
using CloudScale.Checkout.Domain;
using CloudScale.Checkout.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Checkout.Application.Carts;

internal static class CartLocks
{
    /// <summary>The cart with its items, its row locked for the current transaction so changes to it queue up.</summary>
    public static async Task<Cart> LockCartAsync(this CheckoutDbContext db, Guid cartId, CancellationToken cancellationToken)
    {
        var cart = await db.Carts.FromSql($"SELECT * FROM checkout.carts WHERE cart_id = {cartId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken)
                   ?? throw ApiException.NotFound(CheckoutProblems.CartNotFound, $"No cart with id '{cartId}'.");
        await db.Entry(cart).Collection(c => c.Items).LoadAsync(cancellationToken);
        return cart;
    }
}
