using System.Diagnostics;
using CloudScale.BuildingBlocks.Control;
using CloudScale.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.BuildingBlocks.Tests.Control;

/// <summary>A fresh database with the control schema and the store over it.</summary>
public sealed class ControlPlaneFixture : IAsyncLifetime
{
    public static readonly ChangeActor Tester = new("tester", "test");

    public TestDatabase Database { get; private set; } = null!;

    internal IControlPlaneStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("control");
        await ControlPlaneSchema.EnsureAsync(Database.DataSource, CancellationToken.None);
        Store = new ControlPlaneStore(new ControlPlaneSchemaGate(Database.DataSource, "Control"));
    }

    /// <summary>An independent reader of the flags, built like a proxy builds it (its own configuration, FM, decider).</summary>
    internal FlagsInstance StartInstance(TimeSpan? pollInterval = null) => FlagsInstance.Start(Database.ConnectionString, pollInterval);

    public Task<long> CountAsync(string table) => Database.ScalarAsync<long>($"SELECT count(*) FROM control.{table}");

    public Task DisposeAsync() => Database.DisposeAsync().AsTask();
}

/// <summary>
/// One "proxy": its own configuration root over <see cref="PostgresFlagsConfigurationProvider"/>, its own Microsoft
/// Feature Management and <see cref="IRouteDecider"/>, sharing nothing in memory with any other instance.
/// </summary>
internal sealed class FlagsInstance : IAsyncDisposable
{
    private readonly IConfigurationRoot configuration;
    private readonly ServiceProvider services;

    private FlagsInstance(IConfigurationRoot configuration, ServiceProvider services)
    {
        this.configuration = configuration;
        this.services = services;
        Decider = services.GetRequiredService<IRouteDecider>();
    }

    public IRouteDecider Decider { get; }

    public ControlPlaneFlagsStatus Status => configuration.GetControlPlaneFlagsStatus()!;

    public static FlagsInstance Start(string connectionString, TimeSpan? pollInterval = null)
    {
        var configuration = new ConfigurationBuilder().AddControlPlaneFlags(connectionString, pollInterval).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddControlPlaneServices(connectionString: null, "Control")
            .BuildServiceProvider();
        return new FlagsInstance(configuration, services);
    }

    public ValueTask<string> DecideAsync(string capability, string shopperId) => Decider.DecideAsync(capability, shopperId, CancellationToken.None);

    /// <summary>The shoppers this instance sends to modular.</summary>
    public async Task<HashSet<string>> ModularAsync(string capability, IEnumerable<string> shoppers)
    {
        var modular = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shopper in shoppers)
        {
            if (await DecideAsync(capability, shopper) == RouteVariants.Modular)
            {
                modular.Add(shopper);
            }
        }

        return modular;
    }

    /// <summary>Waits until this instance serves <paramref name="flag"/> at <paramref name="version"/> or later.</summary>
    public Task<TimeSpan> WaitForVersionAsync(string flag, long version, TimeSpan timeout) =>
        Eventually.WaitAsync(
            () => Status.FlagVersions.TryGetValue(flag, out var served) && served >= version,
            timeout,
            () => $"{flag} not at version {version}: {Status} {string.Join(", ", Status.FlagVersions)}");

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        (configuration as IDisposable)?.Dispose();
    }
}

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until true; answers how long that took, fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> WaitAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var started = Stopwatch.StartNew();
        while (!condition())
        {
            if (started.Elapsed > timeout)
            {
                Assert.Fail($"not within {timeout.TotalSeconds:0.#} s: {describe()}");
            }

            await Task.Delay(20);
        }

        return started.Elapsed;
    }

    public static IReadOnlyList<string> Shoppers(int count) => Enumerable.Range(0, count).Select(_ => Http.ShopperId.New()).ToList();
}
