using CloudScale.ArchitectureTests.Rules;
using Fixture.Engine.Shapes;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>
/// A boundary rule run on the fixture, judged against in-memory baselines: the baseline turns exactly the listed
/// violations into a pass, and fails on anything new and on anything listed that no longer happens.
/// </summary>
public sealed class BaselineFixtureTests
{
    private const string Rule = nameof(BoundaryRules.LegacyReferencesNoModule);
    private const string TypeofLine = $"{Rule} | Fixture.Legacy.Bad.TypeofStockLevel -> Fixture.Inventory.StockLevel";
    private const string CastLine = $"{Rule} | Fixture.Legacy.Bad.CastsToCartService -> Fixture.Checkout.Internal.CartService";

    private static readonly TestResult LegacyResult = BoundaryRules.LegacyReferencesNoModule(CodebaseMap.Fixture);

    [Fact]
    public void A_baseline_listing_exactly_the_violations_makes_the_rule_pass()
    {
        var check = Baseline.Parse($"# accepted when the rule was introduced\n{TypeofLine}\n\n{CastLine}\n").Check(Rule, LegacyResult);

        Assert.False(LegacyResult.IsSuccessful, LegacyResult.ToString());
        Assert.True(check.IsClean, check.ToString());
    }

    [Fact]
    public void A_violation_missing_from_the_baseline_is_reported_as_new()
    {
        var check = Baseline.Parse(TypeofLine).Check(Rule, LegacyResult);

        Assert.False(check.IsClean);
        var violation = Assert.Single(check.NewViolations);
        Assert.Equal(("Fixture.Legacy.Bad.CastsToCartService", "Fixture.Checkout.Internal.CartService"), (violation.Type, violation.Dependency));
        Assert.Empty(check.StaleEntries);
        Assert.Contains("1 new violation(s), not in architecture-baseline.txt", check.ToString(), StringComparison.Ordinal);
        Assert.Contains("Fixture.Legacy.Bad.CastsToCartService -> Fixture.Checkout.Internal.CartService", check.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_violation_that_no_longer_happens_is_reported_as_stale_by_line_number()
    {
        var fixedLine = $"{Rule} | Fixture.Legacy.Bad.RemovedLongAgo -> Fixture.Inventory.StockLevel";

        var check = Baseline.Parse($"# header\n{TypeofLine}\n{CastLine}\n{fixedLine}").Check(Rule, LegacyResult);

        Assert.False(check.IsClean);
        Assert.Empty(check.NewViolations);
        Assert.Equal(4, Assert.Single(check.StaleEntries).LineNumber);
        Assert.Contains($"remove line 4 from architecture-baseline.txt, it is fixed: {fixedLine}", check.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_for_other_rules_are_neither_accepted_nor_stale_for_this_one()
    {
        var otherRule = $"{nameof(BoundaryRules.ProxyReferencesNeitherLegacyNorModules)} | Fixture.Legacy.Bad.CastsToCartService -> Fixture.Checkout.Internal.CartService";

        var check = Baseline.Parse($"{TypeofLine}\n{otherRule}").Check(Rule, LegacyResult);

        Assert.Equal("Fixture.Legacy.Bad.CastsToCartService", Assert.Single(check.NewViolations).Type);
        Assert.Empty(check.StaleEntries);
    }

    [Fact]
    public void An_entry_without_a_dependency_accepts_a_shape_violation()
    {
        var sealedRule = Types.InAssembly(typeof(ServiceBase).Assembly)
            .That().ResideInNamespace("Fixture.Engine.Shapes").And().AreClasses().And().HaveNameEndingWith("Service")
            .Should().BeSealed()
            .GetResult();

        var check = Baseline.Parse("ServicesAreSealed | Fixture.Engine.Shapes.OpenPublicService").Check("ServicesAreSealed", sealedRule);

        Assert.False(sealedRule.IsSuccessful, sealedRule.ToString());
        Assert.True(check.IsClean, check.ToString());
    }

    [Theory]
    [InlineData("LegacyReferencesNoModule Fixture.Legacy.Bad.TypeofStockLevel")]
    [InlineData(" | Fixture.Legacy.Bad.TypeofStockLevel -> Fixture.Inventory.StockLevel")]
    [InlineData("LegacyReferencesNoModule | ")]
    [InlineData("LegacyReferencesNoModule | Fixture.Legacy.Bad.TypeofStockLevel -> ")]
    [InlineData("LegacyReferencesNoModule | -> Fixture.Inventory.StockLevel")]
    [InlineData("LegacyReferencesNoModule | A -> B | C")]
    public void A_malformed_line_fails_naming_its_line_number(string malformed)
    {
        var error = Assert.Throws<FormatException>(() => Baseline.Parse($"# header\n{TypeofLine}\n{malformed}"));

        Assert.StartsWith("architecture-baseline.txt line 3: expected '<rule name> | <type full name> -> <dependency>'", error.Message, StringComparison.Ordinal);
        Assert.Contains(malformed.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_line_fails_naming_both_lines()
    {
        var error = Assert.Throws<FormatException>(() => Baseline.Parse($"{TypeofLine}\n{CastLine}\n{TypeofLine}"));

        Assert.StartsWith("architecture-baseline.txt line 3: repeats line 1", error.Message, StringComparison.Ordinal);
    }
}
