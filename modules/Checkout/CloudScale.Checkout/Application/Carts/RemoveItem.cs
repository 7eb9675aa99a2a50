using CloudScale.BuildingBlocks.Modules;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Infrastructure;
using MediatR;

namespace CloudScale.Checkout.Application.Carts;

internal sealed record RemoveItemCommand(Guid CartId, Guid ProductId) : ICommand<CartView>;

internal sealed class RemoveItemHandler(CheckoutDbContext db, TimeProvider clock) : IRequestHandler<RemoveItemCommand, CartView>
{
    public async Task<CartView> Handle(RemoveItemCommand request, CancellationToken cancellationToken)
    {
        var cart = await db.LockCartAsync(request.CartId, cancellationToken);
        var now = clock.GetUtcNow();
        cart.Remove(request.ProductId, now);
        return Views.Stored(cart).AsOf(now);
    }
}
