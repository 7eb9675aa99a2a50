// The modular host: composes modules through their entry points and talks to them through their Contracts.
using Fixture.Checkout;
using Fixture.Checkout.Contracts;
using Fixture.Checkout.Internal;
using Fixture.Inventory;

namespace Fixture.Host
{
    public static class ComposesModules
    {
        public static void Compose()
        {
            CheckoutModule.AddCheckoutModule();
            InventoryModule.AddInventoryModule();
        }

        public static Guid Order(ICheckoutModule checkout) => checkout.PlaceOrder(Guid.Empty);
    }
}

namespace Fixture.Host.Bad
{
    public static class ReadsCartService
    {
        public static int Lines(object service) => ((CartService)service).Lines;
    }
}
