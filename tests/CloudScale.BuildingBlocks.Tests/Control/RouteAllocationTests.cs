using CloudScale.BuildingBlocks.Control;

namespace CloudScale.BuildingBlocks.Tests.Control;

/// <summary>Percentile allocation as Microsoft Feature Management evaluates the stored flags: share, stickiness, monotonic ramps.</summary>
public sealed class RouteAllocationTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Ten_thousand_shoppers_at_25_percent_send_25_percent_plus_minus_2_to_modular()
    {
        await fixture.Store.SetRoutePercentAsync(Capabilities.Checkout, 25, ControlPlaneFixture.Tester, CancellationToken.None);
        await using var proxy = fixture.StartInstance();

        var modular = await proxy.ModularAsync(Capabilities.Checkout, Eventually.Shoppers(10_000));

        Assert.InRange(modular.Count, 2_300, 2_700);
    }

    [Fact]
    public async Task A_shopper_gets_the_same_variant_on_every_request_and_on_every_instance()
    {
        await fixture.Store.SetRoutePercentAsync(Capabilities.Payment, 40, ControlPlaneFixture.Tester, CancellationToken.None);
        await using var first = fixture.StartInstance();
        await using var second = fixture.StartInstance();
        var shoppers = Eventually.Shoppers(2_000);

        var once = await first.ModularAsync(Capabilities.Payment, shoppers);
        var again = await first.ModularAsync(Capabilities.Payment, shoppers);
        var elsewhere = await second.ModularAsync(Capabilities.Payment, shoppers);

        Assert.InRange(once.Count, 600, 1_000);
        Assert.True(once.SetEquals(again), "the same instance changed its answer for some shopper");
        Assert.True(once.SetEquals(elsewhere), "two instances disagree on some shopper");
    }

    [Fact]
    public async Task Raising_the_percentage_moves_no_shopper_back_and_lowering_it_only_moves_modular_shoppers_to_legacy()
    {
        var shoppers = Eventually.Shoppers(4_000);
        await using var proxy = fixture.StartInstance();
        var at25 = await SetAndEvaluateAsync(proxy, 25, shoppers);
        var at50 = await SetAndEvaluateAsync(proxy, 50, shoppers);
        var backAt25 = await SetAndEvaluateAsync(proxy, 25, shoppers);

        Assert.InRange(at25.Count, 800, 1_200);
        Assert.InRange(at50.Count, 1_800, 2_200);
        Assert.Empty(at25.Except(at50));
        Assert.Empty(backAt25.Except(at50));
        Assert.True(backAt25.SetEquals(at25), "lowering back to 25% must give exactly the first 25% again");
    }

    [Fact]
    public async Task Ramps_nest_because_every_route_flag_shares_one_seed()
    {
        var shoppers = Eventually.Shoppers(4_000);
        await fixture.Store.SetRoutePercentAsync(Capabilities.Checkout, 30, ControlPlaneFixture.Tester, CancellationToken.None);
        var payment = await fixture.Store.SetRoutePercentAsync(Capabilities.Payment, 60, ControlPlaneFixture.Tester, CancellationToken.None);
        await using var proxy = fixture.StartInstance();
        await proxy.WaitForVersionAsync(Capabilities.FlagName(Capabilities.Payment), payment.After.Version, Propagation);

        var checkout = await proxy.ModularAsync(Capabilities.Checkout, shoppers);
        var paymentModular = await proxy.ModularAsync(Capabilities.Payment, shoppers);

        Assert.NotEmpty(checkout);
        Assert.Empty(checkout.Except(paymentModular));
    }

    private async Task<HashSet<string>> SetAndEvaluateAsync(FlagsInstance proxy, double percent, IReadOnlyList<string> shoppers)
    {
        var change = await fixture.Store.SetRoutePercentAsync(Capabilities.Inventory, percent, ControlPlaneFixture.Tester, CancellationToken.None);
        await proxy.WaitForVersionAsync(Capabilities.FlagName(Capabilities.Inventory), change.After.Version, Propagation);
        return await proxy.ModularAsync(Capabilities.Inventory, shoppers);
    }
}
