using CloudScale.BuildingBlocks.Control;

namespace CloudScale.BuildingBlocks.Tests.Control;

/// <summary>Per-shopper and per-group overrides win over the percentage, in both directions.</summary>
public sealed class RouteOverrideTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_shopper_override_beats_the_percentage_both_ways_and_removing_it_restores_the_percentage()
    {
        var store = fixture.Store;
        await store.SetRoutePercentAsync(Capabilities.Checkout, 100, ControlPlaneFixture.Tester, None);
        await store.SetShopperOverrideAsync(Capabilities.Checkout, "stays-legacy", RouteVariants.Legacy, ControlPlaneFixture.Tester, None);
        await store.SetRoutePercentAsync(Capabilities.Payment, 0, ControlPlaneFixture.Tester, None);
        var last = await store.SetShopperOverrideAsync(Capabilities.Payment, "goes-modular", RouteVariants.Modular, ControlPlaneFixture.Tester, None);
        await using var proxy = fixture.StartInstance();
        await proxy.WaitForVersionAsync(Capabilities.FlagName(Capabilities.Payment), last.After.Version, Propagation);

        Assert.Equal(RouteVariants.Legacy, await proxy.DecideAsync(Capabilities.Checkout, "stays-legacy"));
        Assert.Equal(RouteVariants.Modular, await proxy.DecideAsync(Capabilities.Checkout, "anyone-else"));
        Assert.Equal(RouteVariants.Modular, await proxy.DecideAsync(Capabilities.Payment, "goes-modular"));
        Assert.Equal(RouteVariants.Legacy, await proxy.DecideAsync(Capabilities.Payment, "anyone-else"));

        var removed = await store.SetShopperOverrideAsync(Capabilities.Checkout, "stays-legacy", null, ControlPlaneFixture.Tester, None);
        await proxy.WaitForVersionAsync(Capabilities.FlagName(Capabilities.Checkout), removed.After.Version, Propagation);

        Assert.Equal(RouteVariants.Modular, await proxy.DecideAsync(Capabilities.Checkout, "stays-legacy"));
        Assert.Empty(removed.After.Shoppers);
        Assert.Equal(RouteVariants.Legacy, removed.Before.Shoppers["stays-legacy"]);
    }

    [Fact]
    public async Task A_group_override_routes_the_groups_members_and_follows_membership_changes()
    {
        var store = fixture.Store;
        await store.SetRoutePercentAsync(Capabilities.Inventory, 0, ControlPlaneFixture.Tester, None);
        var flag = await store.SetGroupOverrideAsync(Capabilities.Inventory, "testers", RouteVariants.Modular, ControlPlaneFixture.Tester, None);
        await using var proxy = fixture.StartInstance();
        await proxy.WaitForVersionAsync(Capabilities.FlagName(Capabilities.Inventory), flag.After.Version, Propagation);
        Assert.Equal(RouteVariants.Legacy, await proxy.DecideAsync(Capabilities.Inventory, "tess"));

        await store.SetGroupMemberAsync("testers", "tess", member: true, ControlPlaneFixture.Tester, None);
        await Eventually.WaitAsync(() => proxy.DecideAsync(Capabilities.Inventory, "tess").AsTask().Result == RouteVariants.Modular, Propagation, () => "tess still legacy");

        Assert.Equal(RouteVariants.Legacy, await proxy.DecideAsync(Capabilities.Inventory, "not-a-tester"));
        Assert.Equal("modular", (await store.GetRouteAsync(Capabilities.Inventory, None)).Groups["testers"]);

        await store.SetGroupMemberAsync("testers", "tess", member: false, ControlPlaneFixture.Tester, None);
        await Eventually.WaitAsync(() => proxy.DecideAsync(Capabilities.Inventory, "tess").AsTask().Result == RouteVariants.Legacy, Propagation, () => "tess still modular");
    }
}
