// Proxy code that references legacy and module types; every reference is invisible to a signature-only check.
using Fixture.Checkout.Internal;
using Fixture.DevStack;
using Fixture.Inventory;
using Fixture.Legacy;
using Fixture.Payment;

namespace Fixture.Proxy.Bad;

public static class NewsLegacyCart
{
    public static object Create() => new LegacyCart();
}

public static class CallsLegacyPricing
{
    public static decimal Price() => LegacyPricing.PriceOf(42);
}

public sealed class HoldsPaymentGateway
{
    public PaymentGateway? Gateway;
}

public static class ListsStockLevels
{
    public static object Create() => new List<StockLevel>();
}

public static class AuditedByLegacy
{
    [LegacyAudit]
    public static void Forward()
    {
    }
}

public static class ChecksCartInLambda
{
    public static Func<object, bool> IsCart() => candidate => candidate is CartService;
}

public static class StartsDevBroker
{
    public static void Start() => DevBroker.Start();
}
