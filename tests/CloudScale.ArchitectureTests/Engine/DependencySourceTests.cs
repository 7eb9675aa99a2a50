using CloudScale.ArchitectureTests.Rules;
using Fixture.Engine.Sources;

namespace CloudScale.ArchitectureTests.Engine;

/// <summary>Each kind of IL reference is found, attributed to the type that wrote it, and says where it was.</summary>
public sealed class DependencySourceTests
{
    [Theory]
    [InlineData("ViaBaseType", "BaseTarget", "base type")]
    [InlineData("ViaInterface", "IInterfaceTarget", "interface")]
    [InlineData("ViaField", "FieldTarget", "field 'Value'")]
    [InlineData("ViaProperty", "PropertyTarget", "Value")]
    [InlineData("ViaParameter", "ParameterTarget", "signature of 'Take'")]
    [InlineData("ViaReturnType", "ReturnTarget", "signature of 'Make'")]
    [InlineData("ViaStaticCall", "CallTarget", "body of 'Run' (call)")]
    [InlineData("ViaNew", "NewTarget", "body of 'Make' (newobj)")]
    [InlineData("ViaCast", "CastTarget", "body of 'Check' (isinst)")]
    [InlineData("ViaGenericArgument", "GenericArgumentTarget", "body of 'Make' (newobj)")]
    [InlineData("ViaGenericMethodArgument", "GenericMethodArgumentTarget", "body of 'Make' (call)")]
    [InlineData("ViaAttribute", "AttributeTarget", "attribute on type")]
    [InlineData("ViaAttributeTypeArgument", "TypeofArgumentTarget", "attribute on type (typeof)")]
    [InlineData("ViaTypeof", "TypeofTarget", "body of 'Get' (ldtoken)")]
    [InlineData("ViaFieldAccess", "FieldAccessTarget", "body of 'Read' (ldsfld)")]
    [InlineData("ViaLambda", "LambdaTarget", "(newobj)")]
    [InlineData("ViaAsync", "AsyncTarget", "MoveNext' (newobj)")]
    [InlineData("ViaGenericConstraint`1", "ConstraintTarget", "generic constraint")]
    [InlineData("ViaCatch", "CatchTarget", "catch in 'Try'")]
    public void Finds_the_one_target_each_source_uses(string source, string target, string via)
    {
        var result = Types.InAssembly(typeof(ViaNew).Assembly)
            .That().ResideInNamespace("Fixture.Engine.Sources").And().HaveNameEndingWith(source)
            .Should().NotHaveDependencyOn("Fixture.Engine.Targets")
            .GetResult();

        var violation = Assert.Single(result.Violations);
        Assert.Equal($"Fixture.Engine.Sources.{source}", violation.Type);
        Assert.Equal($"Fixture.Engine.Targets.{target}", violation.Dependency);
        Assert.Contains(via, violation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiler_generated_types_are_not_reported_as_types_of_their_own()
    {
        var names = Types.InAssembly(typeof(ViaNew).Assembly)
            .That().ResideInNamespace("Fixture.Engine.Sources")
            .GetTypeNames();

        Assert.DoesNotContain(names, name => name.Contains('<', StringComparison.Ordinal));
        Assert.Contains("Fixture.Engine.Sources.ViaLambda", names);
    }

    [Fact]
    public void Only_have_dependencies_on_names_each_dependency_outside_the_list()
    {
        var result = Types.InAssembly(typeof(ViaNew).Assembly)
            .That().HaveNameEndingWith(nameof(ViaAttributeTypeArgument))
            .Should().OnlyHaveDependenciesOn("System", "Fixture.Engine.Targets")
            .GetResult();

        var violation = Assert.Single(result.Violations);
        Assert.Equal("Fixture.Engine.DescribedByAttribute", violation.Dependency);
    }
}
