namespace Fixture.Engine;

[AttributeUsage(AttributeTargets.All)]
public sealed class DescribedByAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
