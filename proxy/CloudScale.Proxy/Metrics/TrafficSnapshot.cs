namespace CloudScale.Proxy.Metrics;

/// <summary>
/// One capability-and-variant's traffic through this proxy instance: totals since it started, and rates and latency
/// percentiles over the last 60 s. Latencies are null when nothing ran in the window.
/// </summary>
internal sealed record TrafficSnapshot(
    long Requests,
    long Errors,
    double RequestsPerSecond,
    double ErrorsPerSecond,
    double? P50Ms,
    double? P99Ms);
