using CloudScale.BuildingBlocks.Control;

namespace CloudScale.BuildingBlocks.Tests.Control;

/// <summary>Changes reach running instances without a restart: at once by NOTIFY, and by polling when no NOTIFY came.</summary>
public sealed class FlagPropagationTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    // Longer than any wait below: whatever these instances see, they saw by NOTIFY.
    private static readonly TimeSpan NoPolling = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_change_made_through_the_store_reaches_two_instances_within_2_seconds()
    {
        await using var first = fixture.StartInstance(NoPolling);
        await using var second = fixture.StartInstance(NoPolling);
        await Eventually.WaitAsync(() => first.Status.Listening && second.Status.Listening, TimeSpan.FromSeconds(10), () => "not listening");
        Assert.Equal(RouteVariants.Legacy, await first.DecideAsync(Capabilities.Checkout, "shopper-1"));

        var change = await fixture.Store.SetRoutePercentAsync(Capabilities.Checkout, 100, ControlPlaneFixture.Tester, CancellationToken.None);
        var flag = Capabilities.FlagName(Capabilities.Checkout);
        var firstTook = await first.WaitForVersionAsync(flag, change.After.Version, TimeSpan.FromSeconds(2));
        var secondTook = await second.WaitForVersionAsync(flag, change.After.Version, TimeSpan.FromSeconds(2));

        Assert.True(firstTook < TimeSpan.FromSeconds(2) && secondTook < TimeSpan.FromSeconds(2));
        Assert.Equal(RouteVariants.Modular, await first.DecideAsync(Capabilities.Checkout, "shopper-1"));
        Assert.Equal(RouteVariants.Modular, await second.DecideAsync(Capabilities.Checkout, "shopper-1"));
    }

    [Fact]
    public async Task A_row_changed_without_notify_is_picked_up_by_the_poll()
    {
        var flag = Capabilities.FlagName(Capabilities.Payment);
        var change = await fixture.Store.SetRoutePercentAsync(Capabilities.Payment, 0, ControlPlaneFixture.Tester, CancellationToken.None);
        await using var polling = fixture.StartInstance(TimeSpan.FromMilliseconds(300));
        await using var listeningOnly = fixture.StartInstance(NoPolling);
        await Eventually.WaitAsync(() => polling.Status.Listening && listeningOnly.Status.Listening, TimeSpan.FromSeconds(10), () => "not listening");
        Assert.Equal(RouteVariants.Legacy, await polling.DecideAsync(Capabilities.Payment, "shopper-2"));

        // A hand edit: new definition, same version, no NOTIFY.
        await fixture.Database.ExecuteAsync(
            "UPDATE control.feature_flags SET definition = @definition::jsonb WHERE flag_id = @id",
            ("definition", RouteFlagJson.Build(flag, 100, new Dictionary<string, string>(), new Dictionary<string, string>())),
            ("id", flag));

        await Eventually.WaitAsync(
            () => polling.DecideAsync(Capabilities.Payment, "shopper-2").AsTask().Result == RouteVariants.Modular,
            TimeSpan.FromSeconds(3),
            () => $"poll did not pick the edit up: {polling.Status}");
        Assert.Equal(change.After.Version, polling.Status.FlagVersions[flag]);
        Assert.Equal(RouteVariants.Legacy, await listeningOnly.DecideAsync(Capabilities.Payment, "shopper-2"));
    }
}
