// One target type per dependency source, so each source type below can be shown to find exactly its own.
namespace Fixture.Engine.Targets;

public class BaseTarget;

public interface IInterfaceTarget;

public sealed class FieldTarget;

public sealed class PropertyTarget;

public sealed class ParameterTarget;

public sealed class ReturnTarget;

public static class CallTarget
{
    public static void Run()
    {
    }
}

public sealed class NewTarget;

public sealed class CastTarget;

public sealed class GenericArgumentTarget;

public sealed class GenericMethodArgumentTarget;

[AttributeUsage(AttributeTargets.All)]
public sealed class AttributeTarget : Attribute;

public sealed class TypeofArgumentTarget;

public sealed class TypeofTarget;

public static class FieldAccessTarget
{
    public static readonly int Count = 1;
}

public sealed class LambdaTarget;

public sealed class AsyncTarget;

public class ConstraintTarget;

public sealed class CatchTarget : Exception;
