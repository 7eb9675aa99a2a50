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
    public void Proxy_rule_reports_each_legacy_module_and_host_reference_hidden_in_il()
    {
        var result = BoundaryRules.ProxyReferencesNeitherLegacyNorModules(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.Proxy.Bad.NewsLegacyCart", "Fixture.Legacy.LegacyCart"),
            ("Fixture.Proxy.Bad.CallsLegacyPricing", "Fixture.Legacy.LegacyPricing"),
            ("Fixture.Proxy.Bad.HoldsPaymentGateway", "Fixture.Payment.PaymentGateway"),
            ("Fixture.Proxy.Bad.ListsStockLevels", "Fixture.Inventory.StockLevel"),
            ("Fixture.Proxy.Bad.AuditedByLegacy", "Fixture.Legacy.LegacyAuditAttribute"),
            ("Fixture.Proxy.Bad.ChecksCartInLambda", "Fixture.Checkout.Internal.CartService"),
            ("Fixture.Proxy.Bad.KnowsCheckoutContract", "Fixture.Checkout.Contracts.ICheckoutModule"),
            ("Fixture.Proxy.Bad.CallsHostComposition", "Fixture.Host.ComposesModules"));
        RuleAssert.ReadsWell(result, "routes HTTP", "Fixture.Proxy.Bad.NewsLegacyCart", "Fixture.Legacy.LegacyCart");
    }

    [Fact]
    public void Legacy_rule_reports_module_references_through_typeof_and_casts()
    {
        var result = BoundaryRules.LegacyReferencesNoModule(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.Legacy.Bad.TypeofStockLevel", "Fixture.Inventory.StockLevel"),
            ("Fixture.Legacy.Bad.CastsToCartService", "Fixture.Checkout.Internal.CartService"));
        RuleAssert.ReadsWell(result, "strangler pattern", "Fixture.Legacy.Bad.CastsToCartService", "Fixture.Checkout.Internal.CartService");
    }

    [Fact]
    public void Building_blocks_rule_reports_service_references_in_generic_arguments_and_state_machines()
    {
        var result = BoundaryRules.BuildingBlocksReferenceNoService(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.BuildingBlocks.Bad.EmptyRoutes", "Fixture.Proxy.ProxyRoute"),
            ("Fixture.BuildingBlocks.Bad.RunsCliCommand", "Fixture.Cli.CliCommand"),
            ("Fixture.BuildingBlocks.Bad.ConsumesDevBroker", "Fixture.DevStack.DevBroker"));
        RuleAssert.ReadsWell(result, "shared kernel", "Fixture.BuildingBlocks.Bad.RunsCliCommand", "Fixture.Cli.CliCommand");
    }

    [Fact]
    public void Dev_stack_rule_reports_every_production_reference_including_attribute_arguments()
    {
        var result = BoundaryRules.ProductionReferencesNoDevStack(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.Proxy.Bad.StartsDevBroker", "Fixture.DevStack.DevBroker"),
            ("Fixture.BuildingBlocks.Bad.ConsumesDevBroker", "Fixture.DevStack.DevBroker"),
            ("Fixture.Legacy.Bad.DocumentsDevBroker", "Fixture.DevStack.DevBroker"));
        RuleAssert.ReadsWell(result, "never deployed", "Fixture.Legacy.Bad.DocumentsDevBroker", "Fixture.DevStack.DevBroker");
    }
}
