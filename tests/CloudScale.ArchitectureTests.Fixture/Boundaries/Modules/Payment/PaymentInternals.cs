// Payment's implementation: closes a cycle with Checkout, reads a legacy type, and has no DbContext factory at all.
using Fixture.Checkout.Contracts;
using Fixture.Legacy;

namespace Fixture.Payment
{
    internal sealed class PaymentGateway;
}

namespace Fixture.Payment.Internal
{
    internal sealed class RefundsOrders(ICheckoutModule checkout)
    {
        public Guid Reorder(Guid cartId) => checkout.PlaceOrder(cartId);
    }

    internal static class CopiesLegacyCart
    {
        public static int Items(LegacyCart cart) => cart.Items;
    }
}
