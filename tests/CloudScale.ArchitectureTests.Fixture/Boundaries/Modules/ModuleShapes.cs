// Stand-ins for module internals (Checkout, Payment, Inventory).
namespace Fixture.Checkout.Internal
{
    public sealed class CartService
    {
        public int Lines { get; set; }
    }
}

namespace Fixture.Payment
{
    public sealed class PaymentGateway;
}

namespace Fixture.Inventory
{
    public sealed class StockLevel;
}
