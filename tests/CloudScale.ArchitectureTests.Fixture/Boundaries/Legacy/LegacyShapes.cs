// Stand-ins for the legacy monolith's types; clean themselves, only referenced by the bad code below.
namespace Fixture.Legacy;

public class LegacyCart
{
    public int Items { get; set; }
}

public static class LegacyPricing
{
    public static decimal PriceOf(int sku) => sku;
}

[AttributeUsage(AttributeTargets.All)]
public sealed class LegacyAuditAttribute : Attribute;

[AttributeUsage(AttributeTargets.All)]
public sealed class SeeAlsoAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
