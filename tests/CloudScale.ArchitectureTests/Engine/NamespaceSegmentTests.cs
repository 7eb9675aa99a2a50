using CloudScale.ArchitectureTests.Rules;
using Fixture.Engine.Segments;

namespace CloudScale.ArchitectureTests.Engine;

public sealed class NamespaceSegmentTests
{
    [Theory]
    [InlineData("CloudScale.Legacy", "CloudScale.Legacy", true)]
    [InlineData("CloudScale.Legacy.Carts", "CloudScale.Legacy", true)]
    [InlineData("CloudScale.LegacyTools", "CloudScale.Legacy", false)]
    [InlineData("CloudScale.Legacy", "CloudScale.Legacy.Carts", false)]
    [InlineData("CloudScale.Legacy.Checkout", "CloudScale.Checkout", false)]
    [InlineData("Outer+Inner", "Outer", true)]
    public void Names_match_by_whole_segment(string name, string prefix, bool expected) =>
        Assert.Equal(expected, NamespaceName.IsWithin(name, prefix));

    [Fact]
    public void Reside_in_namespace_takes_sub_namespaces_but_not_prefix_lookalikes()
    {
        var names = Types.InAssembly(typeof(UsesLegacyTools).Assembly)
            .That().ResideInNamespace("Fixture.Engine.Segments.Legacy")
            .GetTypeNames();

        Assert.Equal(["Fixture.Engine.Segments.Legacy.Carts.Cart", "Fixture.Engine.Segments.Legacy.Thing"], names.Order());
    }

    [Fact]
    public void A_dependency_on_a_prefix_lookalike_is_not_a_dependency_on_the_namespace()
    {
        var result = Types.InAssembly(typeof(UsesLegacyTools).Assembly)
            .That().ResideInNamespace("Fixture.Engine.Segments").And().HaveNameEndingWith(nameof(UsesLegacyTools))
            .Should().NotHaveDependencyOn("Fixture.Engine.Segments.Legacy")
            .GetResult();

        Assert.True(result.IsSuccessful, result.ToString());
        Assert.Equal(1, result.CheckedTypeCount);
    }
}
