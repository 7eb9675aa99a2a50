// Legacy code reaching into modules, in ways only method bodies and attributes show.
using Fixture.Checkout.Internal;
using Fixture.DevStack;
using Fixture.Inventory;

namespace Fixture.Legacy.Bad;

public static class TypeofStockLevel
{
    public static Type Describe() => typeof(StockLevel);
}

public static class CastsToCartService
{
    public static int Count(object service) => ((CartService)service).Lines;
}

[SeeAlso(typeof(DevBroker))]
public static class DocumentsDevBroker;
