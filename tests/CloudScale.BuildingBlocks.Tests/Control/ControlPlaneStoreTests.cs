using System.Text.Json;
using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;

namespace CloudScale.BuildingBlocks.Tests.Control;

/// <summary>What the store writes: Feature Management's JSON, a version, an audit row per change, and nothing on bad input.</summary>
public sealed class ControlPlaneStoreTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_flag_is_stored_as_one_feature_management_flag_with_the_shared_seed_and_read_back()
    {
        var store = fixture.Store;
        await store.SetRoutePercentAsync(Capabilities.Checkout, 25, ControlPlaneFixture.Tester, None);
        await store.SetShopperOverrideAsync(Capabilities.Checkout, "shopper-a", RouteVariants.Modular, ControlPlaneFixture.Tester, None);
        var last = await store.SetGroupOverrideAsync(Capabilities.Checkout, "testers", RouteVariants.Modular, ControlPlaneFixture.Tester, None);

        var matches = await fixture.Database.ScalarAsync<bool>(
            "SELECT definition = @expected::jsonb FROM control.feature_flags WHERE flag_id = 'Route.Checkout'",
            ("expected", """
                {"id":"Route.Checkout","enabled":true,"variants":[{"name":"legacy"},{"name":"modular"}],
                 "allocation":{"default_when_enabled":"legacy","default_when_disabled":"legacy",
                   "user":[{"variant":"modular","users":["shopper-a"]}],"group":[{"variant":"modular","groups":["testers"]}],
                   "percentile":[{"variant":"modular","from":0,"to":25},{"variant":"legacy","from":25,"to":100}],
                   "seed":"cloudscale.route"}}
                """));
        var read = await store.GetRouteAsync("CHECKOUT", None);

        Assert.True(matches, await fixture.Database.ScalarAsync<string>("SELECT definition::text FROM control.feature_flags WHERE flag_id = 'Route.Checkout'"));
        Assert.Equal(3, last.After.Version);
        Assert.Equal(25, read.ModularPercent);
        Assert.Equal(RouteVariants.Modular, read.Shoppers["shopper-a"]);
        Assert.Equal(RouteVariants.Modular, read.Groups["testers"]);
        Assert.Equal("tester", read.UpdatedBy);
        var all = await store.GetRoutesAsync(None);
        Assert.Equal(Capabilities.All, all.Select(r => r.Capability));
        Assert.Equal(0, all.Single(r => r.Capability == Capabilities.Payment).Version);
    }

    [Fact]
    public async Task Every_change_writes_an_audit_row_with_who_why_before_and_after_newest_first()
    {
        var store = fixture.Store;
        var first = await store.SetRoutePercentAsync(Capabilities.Payment, 10, new ChangeActor("alice", "first ramp"), None);
        var second = await store.SetRoutePercentAsync(Capabilities.Payment, 12.5, new ChangeActor("bob", ""), None);
        await store.SetGroupMemberAsync("audited", "shopper-b", member: true, new ChangeActor("carol", "add tester"), None);

        var audit = await store.GetAuditAsync(3, None);

        Assert.Equal(["group:audited", "flag:Route.Payment", "flag:Route.Payment"], audit.Select(a => a.Subject));
        Assert.Equal(["carol", "bob", "alice"], audit.Select(a => a.ChangedBy));
        Assert.Equal(["add tester", "", "first ramp"], audit.Select(a => a.Reason));
        Assert.Equal([audit[0].AuditId, second.AuditId, first.AuditId], audit.Select(a => a.AuditId));
        Assert.Null(audit[2].Before);
        Assert.Equal(10, ModularTo(audit[2].After!));
        Assert.Equal(10, ModularTo(audit[1].Before!));
        Assert.Equal(12.5, ModularTo(audit[1].After!));
        Assert.Contains("\"member\": false", audit[0].Before!);
        Assert.Contains("\"member\": true", audit[0].After!);
        Assert.Equal(10, second.Before.ModularPercent);
        Assert.Equal(12.5, second.After.ModularPercent);
        Assert.Equal(1, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM control.group_members WHERE group_name = 'audited'"));
    }

    public static TheoryData<string, Func<IControlPlaneStore, Task>> BadInputs => new()
    {
        { ControlPlaneErrors.UnknownCapability, s => s.SetRoutePercentAsync("shipping", 10, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidPercentage, s => s.SetRoutePercentAsync(Capabilities.Checkout, 101, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidPercentage, s => s.SetRoutePercentAsync(Capabilities.Checkout, -1, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidPercentage, s => s.SetRoutePercentAsync(Capabilities.Checkout, 12.345, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidPercentage, s => s.SetRoutePercentAsync(Capabilities.Checkout, double.NaN, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidPercentage, s => s.SetRoutePercentAsync(Capabilities.Checkout, double.PositiveInfinity, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidVariant, s => s.SetShopperOverrideAsync(Capabilities.Checkout, "shopper-c", "beta", ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidVariant, s => s.SetGroupOverrideAsync(Capabilities.Checkout, "testers", "Modular", ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidShopperId, s => s.SetShopperOverrideAsync(Capabilities.Checkout, "bad id!", RouteVariants.Modular, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidShopperId, s => s.SetGroupMemberAsync("testers", new string('x', 65), true, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidGroup, s => s.SetGroupOverrideAsync(Capabilities.Checkout, "Testers", RouteVariants.Modular, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidGroup, s => s.SetGroupMemberAsync("testers\n", "shopper-c", true, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.UnknownCapability, s => s.SetShopperOverrideAsync("", "shopper-c", RouteVariants.Modular, ControlPlaneFixture.Tester, None) },
        { ControlPlaneErrors.InvalidActor, s => s.SetRoutePercentAsync(Capabilities.Checkout, 10, new ChangeActor(" ", "no one"), None) },
        { ControlPlaneErrors.InvalidLimit, s => s.GetAuditAsync(0, None) },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_a_400_with_a_stable_code_and_changes_nothing(string code, Func<IControlPlaneStore, Task> call)
    {
        var before = await SnapshotAsync();

        var error = await Assert.ThrowsAsync<ApiException>(() => call(fixture.Store));

        Assert.Equal(400, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task An_unknown_capability_error_lists_the_valid_ones()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => fixture.Store.GetRouteAsync("shipping", None));

        Assert.Equal(ControlPlaneErrors.UnknownCapability, error.Code);
        Assert.Contains("checkout, payment, inventory", error.Message);
    }

    /// <summary>Everything a change could touch, as text: equal before and after means nothing changed.</summary>
    private Task<string?> SnapshotAsync() => fixture.Database.ScalarAsync<string>("""
        SELECT coalesce((SELECT string_agg(flag_id || version || definition::text, '|' ORDER BY flag_id) FROM control.feature_flags), '')
            || '#' || (SELECT count(*) FROM control.change_audit)
            || '#' || coalesce((SELECT string_agg(group_name || '/' || shopper_id, '|' ORDER BY group_name, shopper_id) FROM control.group_members), '')
        """);

    private static double ModularTo(string definition)
    {
        using var document = JsonDocument.Parse(definition);
        return document.RootElement.GetProperty("allocation").GetProperty("percentile").EnumerateArray()
            .Single(p => p.GetProperty("variant").GetString() == RouteVariants.Modular).GetProperty("to").GetDouble();
    }
}
