// Checkout's implementation: uses Inventory's and Payment's Contracts (fine), Inventory's internals (not), and
// Payment, which in turn uses Checkout's Contracts: a cycle through Contracts alone.
using Fixture.Inventory;
using Fixture.Inventory.Contracts;
using Fixture.Payment.Contracts;

namespace Fixture.Checkout
{
    public static class CheckoutModule
    {
        public static void AddCheckoutModule()
        {
        }
    }
}

namespace Fixture.Checkout.Internal
{
    internal sealed class CartService
    {
        public int Lines { get; set; }
    }

    internal sealed class ChecksAvailability(IInventoryModule inventory)
    {
        public int Available(Guid productId) => inventory.Find(productId).Available;
    }

    internal static class ReservesStock
    {
        public static object Reserve() => new StockLevel();
    }

    internal sealed class PaysForOrders(IPaymentModule payment)
    {
        public void Pay(Guid orderId) => payment.Authorize(orderId);
    }
}
