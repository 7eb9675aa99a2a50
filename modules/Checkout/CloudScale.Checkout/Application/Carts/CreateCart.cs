using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;
using CloudScale.Checkout.Infrastructure;
using MediatR;

namespace CloudScale.Checkout.Application.Carts;

internal sealed record CreateCartCommand(string? ShopperId) : ICommand<CartCreated>;

internal sealed class CreateCartValidator : IValidator<CreateCartCommand>
{
    public void Validate(CreateCartCommand request, FieldErrors errors) =>
        errors.Check(request.ShopperId is null || ShopperId.IsValid(request.ShopperId), "shopperId", $"shopperId must be {ShopperId.Rule}");
}

internal sealed class CreateCartHandler(CheckoutDbContext db, TimeProvider clock) : IRequestHandler<CreateCartCommand, CartCreated>
{
    public Task<CartCreated> Handle(CreateCartCommand request, CancellationToken cancellationToken)
    {
        var cart = Cart.Create(request.ShopperId, clock.GetUtcNow());
        db.Carts.Add(cart);
        return Task.FromResult(new CartCreated(cart.Id, cart.ExpiresAt));
    }
}
