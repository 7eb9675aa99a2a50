using System.Diagnostics;

namespace CloudScale.Cli.Bench;

/// <summary>
/// A closed-loop HTTP load: a fixed number of workers, each sending the next request as soon as the previous one
/// is answered, for a fixed time. Every latency is kept, so percentiles are exact rather than estimated.
/// </summary>
internal static class HttpLoad
{
    public static Task<LoadResult> RunAsync(
        HttpClient client, Func<HttpRequestMessage> request, int connections, TimeSpan duration, CancellationToken cancellationToken) =>
        RunLoopAsync(async ct =>
        {
            using var message = request();
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct);
            return response.IsSuccessStatusCode;
        }, connections, duration, cancellationToken);

    /// <summary>
    /// The closed loop itself over any unit of work (one request, or a whole shopper journey): each worker runs
    /// <paramref name="iteration"/> back to back; an iteration that returns false or throws an HTTP error counts as an error.
    /// </summary>
    public static async Task<LoadResult> RunLoopAsync(
        Func<CancellationToken, Task<bool>> iteration, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var perWorker = new List<double>[workers];
        var errors = new int[workers];
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var latencies = perWorker[worker] = new List<double>(4096);
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (!await iteration(cancellationToken))
                    {
                        errors[worker]++;
                    }
                }
                catch (HttpRequestException)
                {
                    errors[worker]++;
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(tasks);
        return new LoadResult(perWorker.SelectMany(l => l).ToList(), errors.Sum(), clock.Elapsed);
    }
}

/// <summary>What one or more load runs measured against one target.</summary>
internal sealed record LoadResult(IReadOnlyList<double> LatenciesMs, int Errors, TimeSpan Elapsed)
{
    public int Requests => LatenciesMs.Count;

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile of the latencies, in milliseconds.</summary>
    public double Percentile(double p)
    {
        if (Requests == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static LoadResult Combine(IEnumerable<LoadResult> runs)
    {
        var all = runs.ToList();
        return new LoadResult(
            all.SelectMany(r => r.LatenciesMs).ToList(), all.Sum(r => r.Errors), TimeSpan.FromTicks(all.Sum(r => r.Elapsed.Ticks)));
    }
}
