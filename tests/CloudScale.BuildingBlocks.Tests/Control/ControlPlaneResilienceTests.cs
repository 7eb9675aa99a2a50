using CloudScale.BuildingBlocks.Control;
using CloudScale.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CloudScale.BuildingBlocks.Tests.Control;

/// <summary>The control plane never takes a service down: no database means legacy for everyone, and it catches up later.</summary>
public sealed class ControlPlaneResilienceTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=control;Username=nobody;Password=none";

    [Fact]
    public async Task With_the_database_unreachable_at_start_the_service_starts_and_every_shopper_is_legacy()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:Control"] = Unreachable;
        builder.AddControlPlane();
        using var host = builder.Build();

        await host.StartAsync();
        var decider = host.Services.GetRequiredService<IRouteDecider>();
        var decisions = new List<string>();
        foreach (var capability in Capabilities.All)
        {
            decisions.Add(await decider.DecideAsync(capability, "shopper-1", CancellationToken.None));
        }

        Assert.All(decisions, d => Assert.Equal(RouteVariants.Legacy, d));
        Assert.NotNull(builder.Configuration.GetControlPlaneFlagsStatus()!.LastError);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() =>
            host.Services.GetRequiredService<IControlPlaneStore>().GetRoutesAsync(CancellationToken.None));
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_a_connection_string_routing_is_legacy_and_the_store_names_the_missing_setting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddControlPlane("NotConfigured");
        using var host = builder.Build();

        await host.StartAsync();
        var decision = await host.Services.GetRequiredService<IRouteDecider>().DecideAsync(Capabilities.Checkout, "shopper-1", CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            host.Services.GetRequiredService<IControlPlaneStore>().SetRoutePercentAsync(Capabilities.Checkout, 10, ControlPlaneFixture.Tester, CancellationToken.None));

        Assert.Equal(RouteVariants.Legacy, decision);
        Assert.Contains("ConnectionStrings:NotConfigured", error.Message);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_provider_that_started_before_its_database_existed_catches_up_once_it_does()
    {
        await using var database = await TestDatabase.CreateAsync("control_late");
        var missing = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = database.Name + "_later" };
        await using var proxy = FlagsInstance.Start(missing.ConnectionString, TimeSpan.FromMilliseconds(200));
        Assert.Equal(RouteVariants.Legacy, await proxy.DecideAsync(Capabilities.Checkout, "shopper-1"));
        Assert.NotNull(proxy.Status.LastError);

        await database.ExecuteAsync($"CREATE DATABASE \"{missing.Database}\"");
        try
        {
            await using (var late = NpgsqlDataSource.Create(missing.ConnectionString))
            {
                await ControlPlaneSchema.EnsureAsync(late, CancellationToken.None);
                var store = new ControlPlaneStore(new ControlPlaneSchemaGate(late, "Control"));
                await store.SetRoutePercentAsync(Capabilities.Checkout, 100, ControlPlaneFixture.Tester, CancellationToken.None);
            }

            await Eventually.WaitAsync(
                () => proxy.DecideAsync(Capabilities.Checkout, "shopper-1").AsTask().Result == RouteVariants.Modular,
                TimeSpan.FromSeconds(10),
                () => $"still legacy: {proxy.Status}");
        }
        finally
        {
            await proxy.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await database.ExecuteAsync($"DROP DATABASE IF EXISTS \"{missing.Database}\" WITH (FORCE)");
        }
    }
}
