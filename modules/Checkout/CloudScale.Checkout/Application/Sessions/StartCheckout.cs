using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Checkout.Application.Carts;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;
using CloudScale.Checkout.Infrastructure;
using CloudScale.Payment.Contracts;
using MediatR;
using ShippingAddress = CloudScale.Checkout.Domain.ShippingAddress;

namespace CloudScale.Checkout.Application.Sessions;

internal sealed record StartCheckoutCommand(StartCheckout? Request) : ICommand<CheckoutStarted>;

internal sealed class StartCheckoutValidator : IValidator<StartCheckoutCommand>
{
    public void Validate(StartCheckoutCommand command, FieldErrors errors)
    {
        var body = command.Request;
        errors.Check(body is not null, "body", "a JSON body {cartId, shippingAddress, paymentMethodId} is required");
        Ids.ParseField(body?.CartId, "cartId", errors);
        Ids.ParseField(body?.PaymentMethodId, "paymentMethodId", errors);
        var address = body?.ShippingAddress;
        BuildingBlocks.ShopperApi.ShippingAddress.Validate(
            address is null ? null : new AddressDto(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country), errors);
    }
}

/// <summary>Prices the cart into a session: the shopper's own card, a non-empty open cart; the cart gets another week.</summary>
internal sealed class StartCheckoutHandler(CheckoutDbContext db, IPaymentModule payments, TimeProvider clock)
    : IRequestHandler<StartCheckoutCommand, CheckoutStarted>
{
    public async Task<CheckoutStarted> Handle(StartCheckoutCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request!;
        var cartId = Guid.Parse(request.CartId!);
        var paymentMethodId = Guid.Parse(request.PaymentMethodId!);
        var cart = await db.LockCartAsync(cartId, cancellationToken);
        cart.EnsureCanChange(clock.GetUtcNow());

        // Another shopper's card is reported exactly like a missing one.
        var method = await payments.FindPaymentMethodAsync(paymentMethodId, cancellationToken);
        if (method is null || (method.ShopperId is not null && cart.ShopperId is not null && method.ShopperId != cart.ShopperId))
        {
            throw ApiException.NotFound(CheckoutProblems.PaymentMethodNotFound, $"No payment method with id '{paymentMethodId}'.");
        }

        if (cart.Items.Count == 0)
        {
            throw ApiException.Conflict(CheckoutProblems.CartEmpty, $"Cart '{cartId}' is empty; add items before checking out.");
        }

        var now = clock.GetUtcNow();
        // Starting a checkout is activity: the cart must not expire under the shopper while they pay.
        cart.Extend(now);
        var a = request.ShippingAddress!;
        var session = CheckoutSession.Start(cart, paymentMethodId, new ShippingAddress(a.Name, a.Line1, a.Line2, a.City, a.PostalCode, a.Country), now);
        db.Sessions.Add(session);
        var summary = new CheckoutSummary(session.Lines.Select(Views.Line).ToList(), session.SubtotalCents, session.ShippingCents, session.TotalCents, session.Currency);
        return new CheckoutStarted(session.Id, summary);
    }
}
