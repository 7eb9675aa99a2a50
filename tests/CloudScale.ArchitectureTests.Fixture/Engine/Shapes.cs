// Visibility, sealing and inheritance shapes for predicates and type conditions.
namespace Fixture.Engine.Shapes;

public interface IShapeMarker;

public interface IDerivedMarker : IShapeMarker;

public abstract class ServiceBase : IShapeMarker;

public class OpenPublicService : ServiceBase;

internal sealed class SealedInternalService : ServiceBase;

internal sealed class DerivedMarkerHolder : IDerivedMarker;

public struct ShapeValue;

public sealed class Outer
{
    public sealed class ExposedNested;

    internal sealed class HiddenNested;
}
