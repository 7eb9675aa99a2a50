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
    private static readonly Baseline Accepted = Baseline.Load(Path.Combine(AppContext.BaseDirectory, Baseline.FileName));

    [Fact]
    public void Proxy_references_neither_legacy_nor_modules() =>
        AssertHolds(nameof(BoundaryRules.ProxyReferencesNeitherLegacyNorModules), BoundaryRules.ProxyReferencesNeitherLegacyNorModules(Codebase));

    [Fact]
    public void Legacy_references_no_module() =>
        AssertHolds(nameof(BoundaryRules.LegacyReferencesNoModule), BoundaryRules.LegacyReferencesNoModule(Codebase));

    [Fact]
    public void Building_blocks_reference_no_service() =>
        AssertHolds(nameof(BoundaryRules.BuildingBlocksReferenceNoService), BoundaryRules.BuildingBlocksReferenceNoService(Codebase));

    [Fact]
    public void Production_code_references_no_dev_stack() =>
        AssertHolds(nameof(BoundaryRules.ProductionReferencesNoDevStack), BoundaryRules.ProductionReferencesNoDevStack(Codebase));

    // An entry for a rule nobody checks (a typo, a renamed rule) would never go stale, so it could never be removed.
    [Fact]
    public void Every_baseline_entry_names_a_boundary_rule()
    {
        var rules = typeof(BoundaryRules).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(method => method.Name).ToHashSet();

        var unknown = Accepted.Entries.Where(entry => !rules.Contains(entry.Rule)).Select(entry => $"line {entry.LineNumber}: '{entry.Rule}'").ToList();

        Assert.True(unknown.Count == 0,
            $"{Baseline.FileName} names rules that do not exist ({string.Join(", ", unknown)}); rules are {string.Join(", ", rules.Order())}");
    }

    // A rule that selects nothing passes vacuously; insist it looked at something.
    private static void AssertHolds(string ruleName, TestResult result)
    {
        Assert.True(result.CheckedTypeCount > 0, $"the rule selected no types, so it proves nothing:{Environment.NewLine}{result}");
        var check = Accepted.Check(ruleName, result);
        Assert.True(check.IsClean, check.ToString());
    }
}
