using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>
/// The same rule definitions, run on the fixture assembly's look-alike namespaces, report exactly the
/// violations planted there, and say so readably.
/// </summary>
public sealed class BoundaryRulesFixtureTests
{
    private static readonly CodebaseMap Fixture = CodebaseMap.Fixture;

    [Fact]
    public void Proxy_rule_reports_each_legacy_and_module_reference_hidden_in_il()
    {
        var result = BoundaryRules.ProxyReferencesNeitherLegacyNorModules(Fixture);

        AssertExactly(result,
            ("Fixture.Proxy.Bad.NewsLegacyCart", "Fixture.Legacy.LegacyCart"),
            ("Fixture.Proxy.Bad.CallsLegacyPricing", "Fixture.Legacy.LegacyPricing"),
            ("Fixture.Proxy.Bad.HoldsPaymentGateway", "Fixture.Payment.PaymentGateway"),
            ("Fixture.Proxy.Bad.ListsStockLevels", "Fixture.Inventory.StockLevel"),
            ("Fixture.Proxy.Bad.AuditedByLegacy", "Fixture.Legacy.LegacyAuditAttribute"),
            ("Fixture.Proxy.Bad.ChecksCartInLambda", "Fixture.Checkout.Internal.CartService"));
        AssertReadable(result, "routes HTTP", "Fixture.Proxy.Bad.NewsLegacyCart", "Fixture.Legacy.LegacyCart");
    }

    [Fact]
    public void Legacy_rule_reports_module_references_through_typeof_and_casts()
    {
        var result = BoundaryRules.LegacyReferencesNoModule(Fixture);

        AssertExactly(result,
            ("Fixture.Legacy.Bad.TypeofStockLevel", "Fixture.Inventory.StockLevel"),
            ("Fixture.Legacy.Bad.CastsToCartService", "Fixture.Checkout.Internal.CartService"));
        AssertReadable(result, "strangler pattern", "Fixture.Legacy.Bad.CastsToCartService", "Fixture.Checkout.Internal.CartService");
    }

    [Fact]
    public void Building_blocks_rule_reports_service_references_in_generic_arguments_and_state_machines()
    {
        var result = BoundaryRules.BuildingBlocksReferenceNoService(Fixture);

        AssertExactly(result,
            ("Fixture.BuildingBlocks.Bad.EmptyRoutes", "Fixture.Proxy.ProxyRoute"),
            ("Fixture.BuildingBlocks.Bad.RunsCliCommand", "Fixture.Cli.CliCommand"),
            ("Fixture.BuildingBlocks.Bad.ConsumesDevBroker", "Fixture.DevStack.DevBroker"));
        AssertReadable(result, "shared kernel", "Fixture.BuildingBlocks.Bad.RunsCliCommand", "Fixture.Cli.CliCommand");
    }

    [Fact]
    public void Dev_stack_rule_reports_every_production_reference_including_attribute_arguments()
    {
        var result = BoundaryRules.ProductionReferencesNoDevStack(Fixture);

        AssertExactly(result,
            ("Fixture.Proxy.Bad.StartsDevBroker", "Fixture.DevStack.DevBroker"),
            ("Fixture.BuildingBlocks.Bad.ConsumesDevBroker", "Fixture.DevStack.DevBroker"),
            ("Fixture.Legacy.Bad.DocumentsDevBroker", "Fixture.DevStack.DevBroker"));
        AssertReadable(result, "never deployed", "Fixture.Legacy.Bad.DocumentsDevBroker", "Fixture.DevStack.DevBroker");
    }

    private static void AssertExactly(TestResult result, params (string Type, string Dependency)[] expected)
    {
        Assert.False(result.IsSuccessful, result.ToString());
        var actual = result.Violations.Select(v => (v.Type, Dependency: v.Dependency!)).Order().ToList();
        Assert.Equal(expected.Order().ToList(), actual);
    }

    private static void AssertReadable(TestResult result, string reasonFragment, string type, string dependency)
    {
        var message = result.ToString();
        Assert.Contains($"Rule: {result.Rule}", message, StringComparison.Ordinal);
        Assert.Contains(reasonFragment, message, StringComparison.Ordinal);
        Assert.Contains($"{type} -> {dependency}", message, StringComparison.Ordinal);
    }
}
