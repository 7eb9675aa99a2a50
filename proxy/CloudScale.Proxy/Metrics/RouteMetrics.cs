using System.Diagnostics.Metrics;
using CloudScale.BuildingBlocks.Control;

namespace CloudScale.Proxy.Metrics;

/// <summary>
/// Per capability and variant: what the status view shows (totals, live rates, p50/p99 over the last minute) and the
/// same events on the <c>CloudScale.Proxy</c> meter for whatever collects metrics. One instance per proxy; recording
/// is a short lock on one of six fixed windows, because it runs on every flag-routed request.
/// </summary>
internal sealed class RouteMetrics
{
    public const string MeterName = "CloudScale.Proxy";

    private static readonly string[] Variants = [RouteVariants.Legacy, RouteVariants.Modular];

    private readonly TimeProvider _clock;
    private readonly long _startedSecond;
    private readonly TrafficWindow[] _windows;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;

    public RouteMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        _startedSecond = clock.GetUtcNow().ToUnixTimeSeconds();
        _windows = new TrafficWindow[Capabilities.All.Count * Variants.Length];
        for (var i = 0; i < _windows.Length; i++)
        {
            _windows[i] = new TrafficWindow();
        }

        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("cloudscale.proxy.route.requests", "{request}", "Flag-routed requests by capability and variant.");
        _errors = meter.CreateCounter<long>("cloudscale.proxy.route.errors", "{request}", "Flag-routed requests answered with a 5xx, by capability and variant.");
        _duration = meter.CreateHistogram<double>("cloudscale.proxy.route.duration", "ms", "Time through the proxy for flag-routed requests.");
    }

    /// <summary>Counts one finished request; a 5xx (from the backend or the proxy) counts as an error.</summary>
    public void Record(string capability, string variant, int statusCode, TimeSpan elapsed)
    {
        var window = Window(capability, variant);
        if (window is null)
        {
            return;
        }

        var error = statusCode >= StatusCodes.Status500InternalServerError;
        var milliseconds = elapsed.TotalMilliseconds;
        window.Record(_clock.GetUtcNow().ToUnixTimeSeconds(), error, milliseconds);

        var capabilityTag = new KeyValuePair<string, object?>("capability", capability);
        var variantTag = new KeyValuePair<string, object?>("variant", variant);
        _requests.Add(1, capabilityTag, variantTag);
        if (error)
        {
            _errors.Add(1, capabilityTag, variantTag);
        }

        _duration.Record(milliseconds, capabilityTag, variantTag);
    }

    public TrafficSnapshot Snapshot(string capability, string variant)
    {
        var window = Window(capability, variant)
            ?? throw new ArgumentException($"No traffic is kept for '{capability}={variant}'.", nameof(capability));
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        // Right after start a full minute has not passed yet; dividing by 60 would understate the rate.
        var windowSeconds = (int)Math.Clamp(now - _startedSecond + 1, 1, TrafficWindow.Seconds);
        return window.Snapshot(now, windowSeconds);
    }

    private TrafficWindow? Window(string capability, string variant)
    {
        var capabilityIndex = IndexOf(Capabilities.All, capability);
        var variantIndex = IndexOf(Variants, variant);
        return capabilityIndex < 0 || variantIndex < 0 ? null : _windows[capabilityIndex * Variants.Length + variantIndex];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
