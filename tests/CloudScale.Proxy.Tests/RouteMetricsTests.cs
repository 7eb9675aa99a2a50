using System.Diagnostics.Metrics;
using CloudScale.Proxy.Metrics;
using CloudScale.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Proxy.Tests;

public sealed class RouteMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Totals_count_every_request_and_only_5xx_as_errors_per_capability_and_variant()
    {
        var (metrics, _) = Create();

        metrics.Record("checkout", "modular", 200, TimeSpan.FromMilliseconds(5));
        metrics.Record("checkout", "modular", 404, TimeSpan.FromMilliseconds(5));
        metrics.Record("checkout", "modular", 502, TimeSpan.FromMilliseconds(5));
        metrics.Record("checkout", "legacy", 500, TimeSpan.FromMilliseconds(5));
        metrics.Record("payment", "legacy", 200, TimeSpan.FromMilliseconds(5));

        var modular = metrics.Snapshot("checkout", "modular");
        Assert.Equal((3, 1), (modular.Requests, modular.Errors));
        var legacy = metrics.Snapshot("checkout", "legacy");
        Assert.Equal((1, 1), (legacy.Requests, legacy.Errors));
        Assert.Equal((1, 0), (metrics.Snapshot("payment", "legacy").Requests, metrics.Snapshot("payment", "legacy").Errors));
        Assert.Equal(0, metrics.Snapshot("inventory", "modular").Requests);
        Assert.Null(metrics.Snapshot("inventory", "modular").P50Ms);
    }

    [Fact]
    public void Rates_cover_the_last_60_seconds_and_older_seconds_drop_out_while_totals_stay()
    {
        var (metrics, clock) = Create();

        // 10 requests (2 errors) in each of the first 10 seconds after start.
        for (var second = 0; second < 10; second++)
        {
            clock.Now = Start.AddSeconds(second);
            for (var i = 0; i < 10; i++)
            {
                metrics.Record("inventory", "legacy", i < 2 ? 503 : 200, TimeSpan.FromMilliseconds(1));
            }
        }

        // Ten seconds in, the window is ten seconds long: not diluted over a minute that has not passed.
        var early = metrics.Snapshot("inventory", "legacy");
        Assert.Equal(10, early.RequestsPerSecond);
        Assert.Equal(2, early.ErrorsPerSecond);

        clock.Now = Start.AddSeconds(59);
        var full = metrics.Snapshot("inventory", "legacy");
        Assert.Equal(100.0 / 60, full.RequestsPerSecond, 3);

        // Seconds 0..4 have left the window ending at second 64.
        clock.Now = Start.AddSeconds(64);
        var later = metrics.Snapshot("inventory", "legacy");
        Assert.Equal(50.0 / 60, later.RequestsPerSecond, 3);
        Assert.Equal(10.0 / 60, later.ErrorsPerSecond, 3);
        Assert.Equal((100, 20), (later.Requests, later.Errors));

        clock.Now = Start.AddSeconds(200);
        var idle = metrics.Snapshot("inventory", "legacy");
        Assert.Equal((0.0, (double?)null), (idle.RequestsPerSecond, idle.P99Ms));
        Assert.Equal(100, idle.Requests);
    }

    [Fact]
    public void Latency_percentiles_are_within_ten_percent_above_the_true_value()
    {
        var (metrics, _) = Create();
        for (var ms = 1; ms <= 100; ms++)
        {
            metrics.Record("payment", "modular", 200, TimeSpan.FromMilliseconds(ms));
        }

        var snapshot = metrics.Snapshot("payment", "modular");
        Assert.InRange(snapshot.P50Ms!.Value, 50, 55);
        Assert.InRange(snapshot.P99Ms!.Value, 99, 109);
    }

    [Fact]
    public void Requests_errors_and_durations_are_published_on_the_CloudScale_Proxy_meter_with_capability_and_variant()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var metrics = new RouteMetrics(meters, new ManualClock(Start));
        var seen = new List<(string Instrument, string? Capability, string? Variant)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this factory's meter: proxies in tests running alongside publish under the same name.
                if (instrument.Meter.Name == RouteMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Collect(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? capability = null;
            string? variant = null;
            foreach (var tag in tags)
            {
                capability = tag.Key == "capability" ? tag.Value as string : capability;
                variant = tag.Key == "variant" ? tag.Value as string : variant;
            }

            seen.Add((instrument.Name, capability, variant));
        }

        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Collect(instrument, tags));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Collect(instrument, tags));
        listener.Start();

        metrics.Record("checkout", "modular", 500, TimeSpan.FromMilliseconds(3));

        Assert.Equal(
            [
                ("cloudscale.proxy.route.requests", "checkout", "modular"),
                ("cloudscale.proxy.route.errors", "checkout", "modular"),
                ("cloudscale.proxy.route.duration", "checkout", "modular"),
            ],
            seen);
    }

    private static (RouteMetrics Metrics, ManualClock Clock) Create()
    {
        var clock = new ManualClock(Start);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return (new RouteMetrics(meters, clock), clock);
    }
}
