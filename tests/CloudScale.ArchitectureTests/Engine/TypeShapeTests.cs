using CloudScale.ArchitectureTests.Rules;
using Fixture.Engine.Shapes;

namespace CloudScale.ArchitectureTests.Engine;

public sealed class TypeShapeTests
{
    private static Predicates Shapes() =>
        Types.InAssembly(typeof(ServiceBase).Assembly).That().ResideInNamespace("Fixture.Engine.Shapes");

    [Fact]
    public void Be_sealed_reports_open_classes()
    {
        var result = Shapes().And().AreClasses().And().HaveNameEndingWith("Service")
            .Should().BeSealed().Because("open classes invite inheritance nobody designed for")
            .GetResult();

        var violation = Assert.Single(result.Violations);
        Assert.Equal(new Violation("Fixture.Engine.Shapes.OpenPublicService", null, "is not sealed"), violation);
        Assert.Contains("open classes invite inheritance", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Be_internal_reports_types_visible_outside_the_assembly_including_public_nested_types()
    {
        var result = Shapes().And().AreClasses().Should().BeInternal().GetResult();

        Assert.Equal(
            ["Fixture.Engine.Shapes.OpenPublicService", "Fixture.Engine.Shapes.Outer", "Fixture.Engine.Shapes.Outer+ExposedNested", "Fixture.Engine.Shapes.ServiceBase"],
            result.Violations.Select(v => v.Type).Order());
    }

    [Fact]
    public void Are_classes_excludes_interfaces_and_structs() =>
        Assert.DoesNotContain(Shapes().And().AreClasses().GetTypeNames(), name => name.EndsWith("Marker", StringComparison.Ordinal) || name.EndsWith("Value", StringComparison.Ordinal));

    [Fact]
    public void Are_public_selects_only_types_visible_outside_the_assembly() =>
        Assert.DoesNotContain(Shapes().And().ArePublic().GetTypeNames(), name => name.Contains("Hidden", StringComparison.Ordinal) || name.Contains("SealedInternal", StringComparison.Ordinal));

    [Fact]
    public void Inherit_follows_the_base_type_chain() =>
        Assert.Equal(
            ["Fixture.Engine.Shapes.OpenPublicService", "Fixture.Engine.Shapes.SealedInternalService"],
            Shapes().And().Inherit(typeof(ServiceBase)).GetTypeNames().Order());

    [Fact]
    public void Implement_interface_follows_base_types_and_interface_inheritance() =>
        Assert.Equal(
            ["Fixture.Engine.Shapes.DerivedMarkerHolder", "Fixture.Engine.Shapes.IDerivedMarker", "Fixture.Engine.Shapes.OpenPublicService", "Fixture.Engine.Shapes.SealedInternalService", "Fixture.Engine.Shapes.ServiceBase"],
            Shapes().And().ImplementInterface(typeof(IShapeMarker)).GetTypeNames().Order());
}
