using System.Reflection;
using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>
/// The boundary rules hold on the compiled codebase, apart from what architecture-baseline.txt accepts.
/// BoundaryRulesFixtureTests proves each one can fail; BaselineFixtureTests proves the baseline can.
/// </summary>
public sealed class BoundaryRulesTests
{
    private static readonly CodebaseMap Codebase = CodebaseMap.Real;

    [Fact]
    public void Proxy_references_neither_legacy_nor_modules() =>
        CodebaseAssert.Holds(nameof(BoundaryRules.ProxyReferencesNeitherLegacyNorModules), BoundaryRules.ProxyReferencesNeitherLegacyNorModules(Codebase));

    [Fact]
    public void Legacy_references_no_module() =>
        CodebaseAssert.Holds(nameof(BoundaryRules.LegacyReferencesNoModule), BoundaryRules.LegacyReferencesNoModule(Codebase));

    [Fact]
    public void Building_blocks_reference_no_service() =>
        CodebaseAssert.Holds(nameof(BoundaryRules.BuildingBlocksReferenceNoService), BoundaryRules.BuildingBlocksReferenceNoService(Codebase));

    [Fact]
    public void Production_code_references_no_dev_stack() =>
        CodebaseAssert.Holds(nameof(BoundaryRules.ProductionReferencesNoDevStack), BoundaryRules.ProductionReferencesNoDevStack(Codebase));
}
