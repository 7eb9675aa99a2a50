// "Legacy" and "LegacyTools" share a string prefix but are different namespaces.
namespace Fixture.Engine.Segments.Legacy
{
    public sealed class Thing;
}

namespace Fixture.Engine.Segments.Legacy.Carts
{
    public sealed class Cart;
}

namespace Fixture.Engine.Segments.LegacyTools
{
    public sealed class Tool;
}

namespace Fixture.Engine.Segments
{
    public static class UsesLegacyTools
    {
        public static object Make() => new LegacyTools.Tool();
    }
}
