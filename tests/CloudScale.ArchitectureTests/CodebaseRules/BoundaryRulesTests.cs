using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>The boundary rules hold on the compiled codebase. BoundaryRulesFixtureTests proves each one can fail.</summary>
public sealed class BoundaryRulesTests
{
    private static readonly CodebaseMap Codebase = CodebaseMap.Real;

    [Fact]
    public void Proxy_references_neither_legacy_nor_modules() =>
        AssertHolds(BoundaryRules.ProxyReferencesNeitherLegacyNorModules(Codebase));

    [Fact]
    public void Legacy_references_no_module() =>
        AssertHolds(BoundaryRules.LegacyReferencesNoModule(Codebase));

    [Fact]
    public void Building_blocks_reference_no_service() =>
        AssertHolds(BoundaryRules.BuildingBlocksReferenceNoService(Codebase));

    [Fact]
    public void Production_code_references_no_dev_stack() =>
        AssertHolds(BoundaryRules.ProductionReferencesNoDevStack(Codebase));

    // A rule that selects nothing passes vacuously; insist it looked at something.
    private static void AssertHolds(TestResult result)
    {
        Assert.True(result.CheckedTypeCount > 0, $"the rule selected no types, so it proves nothing:{Environment.NewLine}{result}");
        Assert.True(result.IsSuccessful, result.ToString());
    }
}
