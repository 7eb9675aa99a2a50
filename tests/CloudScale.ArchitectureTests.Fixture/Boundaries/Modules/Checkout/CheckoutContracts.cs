namespace Fixture.Checkout.Contracts;

public interface ICheckoutModule
{
    Guid PlaceOrder(Guid cartId);
}

public sealed record OrderPlacedV1(Guid OrderId);
