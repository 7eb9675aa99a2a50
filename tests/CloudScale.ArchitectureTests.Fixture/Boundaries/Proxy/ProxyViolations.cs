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
    internal PaymentGateway? Gateway { get; set; }
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

public static class CallsHostComposition
{
    public static void Compose() => Fixture.Host.ComposesModules.Compose();
}

public static class KnowsCheckoutContract
{
    public static bool IsCheckout(object candidate) => candidate is Fixture.Checkout.Contracts.ICheckoutModule;
}
