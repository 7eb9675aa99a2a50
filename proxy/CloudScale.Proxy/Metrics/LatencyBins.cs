namespace CloudScale.Proxy.Metrics;

/// <summary>
/// Log-scale latency bins, each 10 % wider than the one before, from 0.05 ms up to about two minutes. A fixed set of
/// counters per second gives percentiles over any window in bounded memory, at the price of reporting a bin's upper
/// bound: at most 10 % above the true value, which is plenty for telling 3 ms from 300 ms.
/// </summary>
internal static class LatencyBins
{
    public const int Count = 160;

    private const double FirstUpperMs = 0.05;
    private const double Growth = 1.1;
    private static readonly double LogGrowth = Math.Log(Growth);

    public static int Of(double milliseconds)
    {
        if (!(milliseconds > FirstUpperMs))
        {
            return 0;
        }

        var bin = (int)Math.Ceiling(Math.Log(milliseconds / FirstUpperMs) / LogGrowth);
        return Math.Min(bin, Count - 1);
    }

    public static double UpperBoundMs(int bin) => FirstUpperMs * Math.Pow(Growth, bin);

    /// <summary>The <paramref name="quantile"/> (0..1) of the counts in <paramref name="bins"/>; null when there are none.</summary>
    public static double? Quantile(ReadOnlySpan<long> bins, long total, double quantile)
    {
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var bin = 0; bin < bins.Length; bin++)
        {
            seen += bins[bin];
            if (seen >= rank)
            {
                return Math.Round(UpperBoundMs(bin), 3);
            }
        }

        return Math.Round(UpperBoundMs(bins.Length - 1), 3);
    }
}
