// Inventory's implementation: internal sealed by default, one public entry point, two shapes out of line.
namespace Fixture.Inventory;

public static class InventoryModule
{
    public static object AddInventoryModule() => new StockLevel();

    // The entry point is public by design; what it nests is not.
    public sealed class Options;
}

internal sealed class StockLevel;

public sealed class StockAuditor;

internal class ReservationSweeper;

internal abstract class StockPolicy;

[DesignedForInheritance]
internal class ReplenishmentRule;

[AttributeUsage(AttributeTargets.Class)]
internal sealed class DesignedForInheritanceAttribute : Attribute;
