// Each type uses exactly one target, through exactly one kind of IL reference.
using Fixture.Engine.Targets;

namespace Fixture.Engine.Sources;

public sealed class ViaBaseType : BaseTarget;

public sealed class ViaInterface : IInterfaceTarget;

public sealed class ViaField
{
    public FieldTarget? Value;
}

public sealed class ViaProperty
{
    public PropertyTarget? Value { get; set; }
}

public static class ViaParameter
{
    public static string Take(ParameterTarget target) => nameof(target);
}

public static class ViaReturnType
{
    public static ReturnTarget? Make() => null;
}

public static class ViaStaticCall
{
    public static void Run() => CallTarget.Run();
}

public static class ViaNew
{
    public static object Make() => new NewTarget();
}

public static class ViaCast
{
    public static bool Check(object candidate) => candidate is CastTarget;
}

public static class ViaGenericArgument
{
    public static object Make() => new List<GenericArgumentTarget>();
}

public static class ViaGenericMethodArgument
{
    public static object Make() => Array.Empty<GenericMethodArgumentTarget>();
}

[AttributeTarget]
public static class ViaAttribute;

[DescribedBy(typeof(TypeofArgumentTarget))]
public static class ViaAttributeTypeArgument;

public static class ViaTypeof
{
    public static Type Get() => typeof(TypeofTarget);
}

public static class ViaFieldAccess
{
    public static int Read() => FieldAccessTarget.Count;
}

public static class ViaLambda
{
    public static Func<object> Make() => () => new LambdaTarget();
}

public static class ViaAsync
{
    public static async Task<object> MakeAsync()
    {
        await Task.Yield();
        return new AsyncTarget();
    }
}

public sealed class ViaGenericConstraint<T>
    where T : ConstraintTarget;

public static class ViaCatch
{
    public static bool Try(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (CatchTarget)
        {
            return false;
        }
    }
}
