using CloudScale.BuildingBlocks.Modules;
using CloudScale.Checkout.Application.Carts;
using CloudScale.Checkout.Application.Orders;
using CloudScale.Checkout.Application.Saga;
using CloudScale.Checkout.Application.Sessions;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Infrastructure;

namespace CloudScale.Checkout.Application;

/// <summary>
/// <see cref="ICheckoutModule"/> over the module's mediator. Cart writes drop the cart's cache entry only after
/// their transaction committed (the unit of work commits inside <c>Send</c>), so no reader can refill it with the
/// state before the change.
/// </summary>
internal sealed class CheckoutFacade(ModuleMediator<CheckoutDbContext> mediator, ICartCache cartCache) : ICheckoutModule
{
    public Task<CartCreated> CreateCartAsync(string? shopperId, CancellationToken cancellationToken) =>
        mediator.Send(new CreateCartCommand(string.IsNullOrEmpty(shopperId) ? null : shopperId), cancellationToken);

    public Task<CartView> GetCartAsync(Guid cartId, CancellationToken cancellationToken) =>
        mediator.Send(new GetCartQuery(cartId), cancellationToken);

    public async Task<AddItemResult> AddItemAsync(Guid cartId, string? productId, int? quantity, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new AddItemCommand(cartId, productId, quantity), cancellationToken);
        await cartCache.InvalidateAsync(cartId, CancellationToken.None);
        return result;
    }

    public async Task<CartView> RemoveItemAsync(Guid cartId, Guid productId, CancellationToken cancellationToken)
    {
        var cart = await mediator.Send(new RemoveItemCommand(cartId, productId), cancellationToken);
        await cartCache.InvalidateAsync(cartId, CancellationToken.None);
        return cart;
    }

    public async Task<CheckoutStarted> StartCheckoutAsync(StartCheckout request, CancellationToken cancellationToken)
    {
        var started = await mediator.Send(new StartCheckoutCommand(request), cancellationToken);
        // Starting a checkout extended the cart's life.
        await cartCache.InvalidateAsync(Guid.Parse(request.CartId!), CancellationToken.None);
        return started;
    }

    public Task<CheckoutCompletion> CompleteCheckoutAsync(Guid checkoutSessionId, string idempotencyKey, CancellationToken cancellationToken) =>
        mediator.Send(new CompleteCheckoutRequest(checkoutSessionId, idempotencyKey), cancellationToken);

    public Task<OrderView> GetOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        mediator.Send(new GetOrderQuery(orderId), cancellationToken);

    public Task<IReadOnlyList<OrderView>> ListOrdersAsync(string? shopperId, CancellationToken cancellationToken) =>
        mediator.Send(new ListOrdersQuery(shopperId), cancellationToken);

    public Task<RefundResult> RefundOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        mediator.Send(new RefundOrderCommand(orderId), cancellationToken);
}
