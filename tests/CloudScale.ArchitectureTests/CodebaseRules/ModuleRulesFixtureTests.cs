using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>
/// The module rules, run on the fixture's look-alike modules (Fixture.Checkout, Fixture.Payment, Fixture.Inventory,
/// each with a .Contracts namespace) and host (Fixture.Host), report exactly the violations planted there.
/// </summary>
public sealed class ModuleRulesFixtureTests
{
    private static readonly CodebaseMap Fixture = CodebaseMap.Fixture;

    [Fact]
    public void Internals_rule_reports_every_use_of_a_module_internal_from_outside_the_module_but_not_of_its_contracts_or_entry_point()
    {
        var result = ModuleRules.ModuleInternalsStayInsideTheModule(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.Checkout.Internal.ReservesStock", "Fixture.Inventory.StockLevel"),
            ("Fixture.Host.Bad.ReadsCartService", "Fixture.Checkout.Internal.CartService"),
            ("Fixture.Proxy.Bad.HoldsPaymentGateway", "Fixture.Payment.PaymentGateway"),
            ("Fixture.Proxy.Bad.ListsStockLevels", "Fixture.Inventory.StockLevel"),
            ("Fixture.Proxy.Bad.ChecksCartInLambda", "Fixture.Checkout.Internal.CartService"),
            ("Fixture.Legacy.Bad.TypeofStockLevel", "Fixture.Inventory.StockLevel"),
            ("Fixture.Legacy.Bad.CastsToCartService", "Fixture.Checkout.Internal.CartService"));
        RuleAssert.ReadsWell(result, "only promise", "Fixture.Checkout.Internal.ReservesStock", "Fixture.Inventory.StockLevel");
    }

    // What a build shows when Checkout's internals reach into Inventory's: the rule's name, both types, and why.
    [Fact]
    public void A_checkout_internal_using_an_inventory_internal_fails_the_baseline_check_naming_the_rule_and_both_types()
    {
        const string rule = nameof(ModuleRules.ModuleInternalsStayInsideTheModule);

        var message = Baseline.Parse("").Check(rule, ModuleRules.ModuleInternalsStayInsideTheModule(Fixture)).ToString();

        Assert.StartsWith($"Rule {rule}: ", message, StringComparison.Ordinal);
        Assert.Contains("Fixture.Checkout.Internal.ReservesStock -> Fixture.Inventory.StockLevel: body of 'Reserve' (newobj)", message, StringComparison.Ordinal);
        Assert.Contains("Because: a module's Contracts are its only promise", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contracts_rule_reports_ef_core_and_building_blocks_types_in_contracts()
    {
        var result = ModuleRules.ContractsDependOnlyOnTheBcl(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.Inventory.Contracts.ReserveStockRequest", "Microsoft.EntityFrameworkCore.EntityState"),
            ("Fixture.Inventory.Contracts.StockChangedV1", "Fixture.BuildingBlocks.IntegrationEvent"));
        RuleAssert.ReadsWell(result, "compiles against its Contracts", "Fixture.Inventory.Contracts.StockChangedV1", "Fixture.BuildingBlocks.IntegrationEvent");
    }

    [Fact]
    public void Legacy_rule_reports_a_module_reading_a_legacy_type()
    {
        var result = ModuleRules.ModulesReferenceNoLegacy(Fixture);

        RuleAssert.ReportsExactly(result, ("Fixture.Payment.Internal.CopiesLegacyCart", "Fixture.Legacy.LegacyCart"));
        RuleAssert.ReadsWell(result, "strangled", "Fixture.Payment.Internal.CopiesLegacyCart", "Fixture.Legacy.LegacyCart");
    }

    [Fact]
    public void Cycle_rule_reports_every_use_on_a_cycle_through_contracts_and_names_the_cycle()
    {
        var result = ModuleRules.ModulesHaveNoDependencyCycles(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.Checkout.Internal.PaysForOrders", "Fixture.Payment.Contracts.IPaymentModule"),
            ("Fixture.Checkout.Internal.PaysForOrders", "Fixture.Payment.Contracts.PaymentResult"),
            ("Fixture.Payment.Internal.RefundsOrders", "Fixture.Checkout.Contracts.ICheckoutModule"));
        RuleAssert.ReadsWell(result, "released and extracted together", "Fixture.Payment.Internal.RefundsOrders", "Fixture.Checkout.Contracts.ICheckoutModule");
        Assert.Contains("closes the cycle Fixture.Payment -> Fixture.Checkout -> Fixture.Payment", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Internal_rule_reports_public_implementation_types_but_not_contracts_or_the_entry_point_itself()
    {
        var result = ModuleRules.ModuleInternalsAreInternal(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.Inventory.StockAuditor", null),
            ("Fixture.Inventory.InventoryModule+Options", null));
        RuleAssert.ReadsWell(result, "accidental API", "Fixture.Inventory.StockAuditor");
    }

    [Fact]
    public void Sealed_rule_reports_open_classes_in_implementation_and_contracts_but_not_abstract_or_marked_ones()
    {
        var result = ModuleRules.ModuleClassesAreSealed(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.Inventory.ReservationSweeper", null),
            ("Fixture.Payment.Contracts.PaymentResult", null));
        RuleAssert.ReadsWell(result, "[DesignedForInheritance]", "Fixture.Inventory.ReservationSweeper");
    }

    [Fact]
    public void Domain_rule_reports_ef_core_in_a_signature_and_npgsql_in_a_catch()
    {
        var result = ModuleRules.DomainDependsOnNoInfrastructure(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.Inventory.Domain.StockItemQueries", "Microsoft.EntityFrameworkCore.DbSet`1"),
            ("Fixture.Checkout.Domain.OrderNumbers", "Npgsql.PostgresException"));
        RuleAssert.ReadsWell(result, "without a database", "Fixture.Checkout.Domain.OrderNumbers", "Npgsql.PostgresException");
    }

    [Fact]
    public void Schema_rule_reports_each_table_view_sequence_and_history_table_outside_the_module_schema_read_from_the_ef_model()
    {
        var result = ModuleRules.ModuleDbContextsMapOnlyTheirSchema(Fixture);

        RuleAssert.ReportsExactly(result,
            ("Fixture.Inventory.Infrastructure.ProductRow", "table legacy.products"),
            ("Fixture.Inventory.Infrastructure.PriceRow", "table catalog.product_prices"),
            ("Fixture.Inventory.Infrastructure.StockReportRow", "view reporting.stock_report"),
            ("Fixture.Inventory.Infrastructure.InventoryDbContext", "sequence legacy.legacy_ids"),
            ("Fixture.Inventory.Infrastructure.InventoryDbContext", "history table (no schema).__EFMigrationsHistory"),
            ("CartRowCouponRow", "table marketing.cart_coupons"),
            ("Fixture.Payment", null));
        RuleAssert.ReadsWell(result, "owns its schema", "Fixture.Inventory.Infrastructure.ProductRow", "table legacy.products");
        Assert.Contains("mapped by Fixture.Inventory.Infrastructure.InventoryDbContext outside schema 'inventory'", result.ToString(), StringComparison.Ordinal);
    }
}
