namespace CloudScale.Proxy.Metrics;

/// <summary>
/// Requests, errors and a latency histogram per second for the last <see cref="Seconds"/> seconds, in a ring of
/// buckets reused as time moves on, plus totals since start. Memory is fixed whatever the traffic.
/// </summary>
internal sealed class TrafficWindow
{
    public const int Seconds = 60;

    private readonly Bucket[] _buckets;
    private readonly Lock _gate = new();
    private long _totalRequests;
    private long _totalErrors;

    public TrafficWindow()
    {
        _buckets = new Bucket[Seconds];
        for (var i = 0; i < Seconds; i++)
        {
            _buckets[i] = new Bucket();
        }
    }

    public void Record(long second, bool error, double milliseconds)
    {
        var bin = LatencyBins.Of(milliseconds);
        lock (_gate)
        {
            var bucket = _buckets[(int)(second % Seconds)];
            if (bucket.Second != second)
            {
                bucket.Reset(second);
            }

            bucket.Requests++;
            bucket.Latency[bin]++;
            _totalRequests++;
            if (error)
            {
                bucket.Errors++;
                _totalErrors++;
            }
        }
    }

    /// <param name="now">The current second; buckets from the <see cref="Seconds"/> seconds ending with it count.</param>
    /// <param name="windowSeconds">What the counts are divided by for rates: less than a full window right after start.</param>
    public TrafficSnapshot Snapshot(long now, int windowSeconds)
    {
        Span<long> latency = stackalloc long[LatencyBins.Count];
        long requests = 0;
        long errors = 0;
        long totalRequests;
        long totalErrors;
        lock (_gate)
        {
            totalRequests = _totalRequests;
            totalErrors = _totalErrors;
            foreach (var bucket in _buckets)
            {
                var age = now - bucket.Second;
                if (age < 0 || age >= Seconds)
                {
                    continue;
                }

                requests += bucket.Requests;
                errors += bucket.Errors;
                for (var bin = 0; bin < LatencyBins.Count; bin++)
                {
                    latency[bin] += bucket.Latency[bin];
                }
            }
        }

        return new TrafficSnapshot(
            totalRequests,
            totalErrors,
            Math.Round((double)requests / windowSeconds, 3),
            Math.Round((double)errors / windowSeconds, 3),
            LatencyBins.Quantile(latency, requests, 0.50),
            LatencyBins.Quantile(latency, requests, 0.99));
    }

    private sealed class Bucket
    {
        public long Second { get; private set; } = long.MinValue;

        public int Requests { get; set; }

        public int Errors { get; set; }

        public int[] Latency { get; } = new int[LatencyBins.Count];

        public void Reset(long second)
        {
            Second = second;
            Requests = 0;
            Errors = 0;
            Array.Clear(Latency);
        }
    }
}
