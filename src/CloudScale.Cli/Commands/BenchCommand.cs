using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using CloudScale.Cli.Bench;
using CloudScale.Cli.Components;
using Spectre.Console;

namespace CloudScale.Cli.Commands;

/// <summary>
/// Performance as ratios measured in one run on this machine, never as absolute numbers asserted in tests:
/// both sides of a comparison share the same CPU, the same data and the same moment.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var seconds = new Option<int>("--seconds", "-s")
        {
            Description = "Measured seconds per target (split over alternating rounds), 2..600",
            DefaultValueFactory = _ => 10,
        };
        var connections = new Option<int>("--connections", "-c")
        {
            Description = "Concurrent connections (closed loop), 1..512",
            DefaultValueFactory = _ => 16,
        };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON only" };
        var proxy = new Command("proxy", "Product GET through the strangler proxy vs straight to legacy")
        {
            seconds, connections, json,
        };
        proxy.SetAction((parseResult, cancellationToken) => RunProxyAsync(
            context, parseResult.GetValue(seconds), parseResult.GetValue(connections), parseResult.GetValue(json), cancellationToken));
        var events = new Option<int>("--events", "-n") { Description = "Events sent through the outbox, 100..100000", DefaultValueFactory = _ => 2000 };
        var outbox = new Command("outbox", "Raw Kafka produce/consume vs events through outbox → Kafka (Avro, registry) → inbox, with commit-to-handled latency")
        {
            events,
        };
        outbox.SetAction((parseResult, cancellationToken) => RunOutboxAsync(context, parseResult.GetValue(events), cancellationToken));
        var shoppers = new Option<int>("--shoppers") { Description = "Concurrent shoppers (closed loop), 1..128", DefaultValueFactory = _ => 8 };
        var checkoutSeconds = new Option<int>("--seconds", "-s")
        {
            Description = "Measured seconds per implementation (split over alternating rounds), 2..600",
            DefaultValueFactory = _ => 20,
        };
        var checkout = new Command("checkout", "A whole purchase (cart, 3 items, checkout, complete) against legacy vs the modular host")
        {
            checkoutSeconds, shoppers, json,
        };
        checkout.SetAction((parseResult, cancellationToken) => RunCheckoutAsync(
            context, parseResult.GetValue(checkoutSeconds), parseResult.GetValue(shoppers), parseResult.GetValue(json), cancellationToken));
        var routing = new Command("routing", "What flag routing adds: a capability-routed GET vs the plain fallback route, each against legacy direct")
        {
            seconds, connections, json,
        };
        routing.SetAction((parseResult, cancellationToken) => RunRoutingAsync(
            context, parseResult.GetValue(seconds), parseResult.GetValue(connections), parseResult.GetValue(json), cancellationToken));
        return new Command("bench", "Measure performance ratios on this machine (starts the stack if needed)") { proxy, routing, outbox, checkout };
    }

    private static async Task<int> RunProxyAsync(CliContext context, int seconds, int connections, bool json, CancellationToken cancellationToken)
    {
        CheckLoadOptions(seconds, connections);

        // With --json, stdout carries the JSON alone; progress goes to stderr.
        var progress = json ? context.ErrorConsole : context.Console;
        var stack = context.Stack;
        var supervisor = context.CreateSupervisor(progress);
        try
        {
            await supervisor.UpAsync(stack.All, cancellationToken);
            using var client = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = connections,
                UseCookies = false,
                UseProxy = false,
            });
            var direct = new Uri(stack.Legacy.InternalAddress);
            var proxied = new Uri(stack.Proxy.InternalAddress);
            var path = $"api/v1/products/{await AnyProductIdAsync(client, direct, cancellationToken)}";
            progress.MarkupLineInterpolated($"bench: GET /{path}, {connections} connections, {seconds} s per target");
            var results = await MeasureAlternatingAsync(client, [Get(direct, path), Get(proxied, path)], connections, seconds, cancellationToken);
            Compare(context, json, ("legacy direct", results[0]), ("through proxy", results[1]), "proxy/direct", connections);
            return ExitCodes.Ok;
        }
        finally
        {
            await supervisor.StopStartedAsync();
        }
    }

    /// <summary>
    /// The cost of a routing decision in the proxy. A capability route (GET /inventory/{id}: Route.Inventory evaluated for
    /// the shopper, here answered legacy) and the plain fallback route (GET /products/{id}: no decision) are each measured
    /// through the proxy and straight to legacy, all four alternating in one run; the decision's cost is what the routed
    /// path adds beyond what the fallback path adds.
    /// </summary>
    private static async Task<int> RunRoutingAsync(CliContext context, int seconds, int connections, bool json, CancellationToken cancellationToken)
    {
        CheckLoadOptions(seconds, connections);
        var progress = json ? context.ErrorConsole : context.Console;
        var stack = context.Stack;
        var supervisor = context.CreateSupervisor(progress);
        try
        {
            await supervisor.UpAsync(stack.All, cancellationToken);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false, UseProxy = false });
            var direct = new Uri(stack.Legacy.InternalAddress);
            var proxied = new Uri(stack.Proxy.InternalAddress);
            var productId = await AnyProductIdAsync(client, direct, cancellationToken);
            var (routedPath, fallbackPath) = ($"api/v1/inventory/{productId}", $"api/v1/products/{productId}");
            progress.MarkupLineInterpolated(
                $"bench: GET /{routedPath} (capability route) and /{fallbackPath} (fallback), {connections} connections, {seconds} s per target");
            var r = await MeasureAlternatingAsync(
                client, [Get(direct, routedPath), Get(proxied, routedPath), Get(direct, fallbackPath), Get(proxied, fallbackPath)],
                connections, seconds, cancellationToken);
            if (r.Any(result => result.Errors > 0))
            {
                throw new CliException($"some requests failed ({string.Join(", ", r.Select(result => result.Errors))} errors per target); the numbers would not mean anything");
            }

            var (routedAdds50, routedAdds99) = (r[1].Percentile(50) - r[0].Percentile(50), r[1].Percentile(99) - r[0].Percentile(99));
            var (fallbackAdds50, fallbackAdds99) = (r[3].Percentile(50) - r[2].Percentile(50), r[3].Percentile(99) - r[2].Percentile(99));
            var (routedRatio, fallbackRatio) = (r[1].RequestsPerSecond / r[0].RequestsPerSecond, r[3].RequestsPerSecond / r[2].RequestsPerSecond);
            if (json)
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["concurrency"] = connections,
                    ["routed direct"] = Summary(r[0]),
                    ["routed through proxy"] = Summary(r[1]),
                    ["fallback direct"] = Summary(r[2]),
                    ["fallback through proxy"] = Summary(r[3]),
                    ["routedThroughputRatio"] = Math.Round(routedRatio, 3),
                    ["fallbackThroughputRatio"] = Math.Round(fallbackRatio, 3),
                    ["routedAddsP50Ms"] = Math.Round(routedAdds50, 3),
                    ["routedAddsP99Ms"] = Math.Round(routedAdds99, 3),
                    ["fallbackAddsP50Ms"] = Math.Round(fallbackAdds50, 3),
                    ["fallbackAddsP99Ms"] = Math.Round(fallbackAdds99, 3),
                    ["decisionCostP50Ms"] = Math.Round(routedAdds50 - fallbackAdds50, 3),
                    ["decisionCostP99Ms"] = Math.Round(routedAdds99 - fallbackAdds99, 3),
                }));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("target", "requests", "per s", "p50 ms", "p99 ms");
            foreach (var (name, result) in new[] { "inventory, legacy direct", "inventory, routed by flag", "products, legacy direct", "products, fallback route" }.Zip(r))
            {
                table.AddRow(name, result.Requests.ToString(), result.RequestsPerSecond.ToString("0.0"), result.Percentile(50).ToString("0.00"), result.Percentile(99).ToString("0.00"));
            }

            context.Console.Write(table);
            context.Console.MarkupLineInterpolated(
                $"flag-routed route: throughput ratio [bold]{routedRatio:0.00}[/], adds p50 {routedAdds50:+0.00;-0.00} ms, p99 {routedAdds99:+0.00;-0.00} ms");
            context.Console.MarkupLineInterpolated(
                $"plain fallback route: throughput ratio [bold]{fallbackRatio:0.00}[/], adds p50 {fallbackAdds50:+0.00;-0.00} ms, p99 {fallbackAdds99:+0.00;-0.00} ms");
            context.Console.MarkupLineInterpolated(
                $"routing decision costs p50 [bold]{routedAdds50 - fallbackAdds50:+0.00;-0.00} ms[/], p99 {routedAdds99 - fallbackAdds99:+0.00;-0.00} ms per request");
            return ExitCodes.Ok;
        }
        finally
        {
            await supervisor.StopStartedAsync();
        }
    }

    private static void CheckLoadOptions(int seconds, int connections)
    {
        if (seconds is < 2 or > 600)
        {
            throw CliException.Usage($"--seconds must be 2..600, got {seconds}");
        }

        if (connections is < 1 or > 512)
        {
            throw CliException.Usage($"--connections must be 1..512, got {connections}");
        }
    }

    private static async Task<string> AnyProductIdAsync(HttpClient client, Uri legacy, CancellationToken cancellationToken)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(new Uri(legacy, "api/v1/products?pageSize=1"), cancellationToken);
        return page.GetProperty("items")[0].GetProperty("productId").GetString()!;
    }

    /// <summary>A GET as a shopper sends it (one fixed shopper id, so the proxy issues no cookie and routes one bucket).</summary>
    private static Func<HttpRequestMessage> Get(Uri target, string path) => () =>
    {
        var message = new HttpRequestMessage(HttpMethod.Get, new Uri(target, path));
        message.Headers.Add("X-Shopper-Id", "shp_bench");
        return message;
    };

    /// <summary>
    /// Warms every target, then measures them in alternating rounds so any drift of the machine (GC, other load) is
    /// spread over all alike; <paramref name="seconds"/> is the measured time per target.
    /// </summary>
    private static async Task<LoadResult[]> MeasureAlternatingAsync(
        HttpClient client, IReadOnlyList<Func<HttpRequestMessage>> targets, int connections, int seconds, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            await HttpLoad.RunAsync(client, target, connections, TimeSpan.FromSeconds(2), cancellationToken);
        }

        const int rounds = 4;
        var round = TimeSpan.FromSeconds(seconds / (double)rounds);
        var runs = targets.Select(_ => new List<LoadResult>()).ToArray();
        for (var i = 0; i < rounds; i++)
        {
            for (var t = 0; t < targets.Count; t++)
            {
                runs[t].Add(await HttpLoad.RunAsync(client, targets[t], connections, round, cancellationToken));
            }
        }

        return runs.Select(LoadResult.Combine).ToArray();
    }

    private static async Task<int> RunCheckoutAsync(CliContext context, int seconds, int shoppers, bool json, CancellationToken cancellationToken)
    {
        if (seconds is < 2 or > 600)
        {
            throw CliException.Usage($"--seconds must be 2..600, got {seconds}");
        }

        if (shoppers is < 1 or > 128)
        {
            throw CliException.Usage($"--shoppers must be 1..128, got {shoppers}");
        }

        var progress = json ? context.ErrorConsole : context.Console;
        var stack = context.Stack;
        var supervisor = context.CreateSupervisor(progress);
        try
        {
            await supervisor.UpAsync(stack.All, cancellationToken);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = shoppers * 2, UseCookies = false, UseProxy = false });
            var legacy = new Uri(stack.Legacy.InternalAddress);
            var modular = new Uri(stack.Host.InternalAddress);
            var products = await BenchStock.StockPlentyAsync(client, legacy, stack.Postgres, cancellationToken);
            progress.MarkupLineInterpolated($"bench: purchase journeys (cart, 3 items, checkout, complete), {shoppers} shoppers, {seconds} s per implementation");

            async Task<Func<CancellationToken, Task<bool>>[]> ShoppersOf(Uri api)
            {
                var journey = new CheckoutJourney(client, api, products);
                return await Task.WhenAll(Enumerable.Range(0, shoppers).Select(worker => journey.ShopperAsync(worker, cancellationToken)));
            }

            var legacyShoppers = await ShoppersOf(legacy);
            var modularShoppers = await ShoppersOf(modular);
            Task<LoadResult> Run(Func<CancellationToken, Task<bool>>[] workers, TimeSpan duration)
            {
                var next = -1;
                return HttpLoad.RunLoopAsync(ct => workers[Interlocked.Increment(ref next) % workers.Length](ct), shoppers, duration, cancellationToken);
            }

            var warmUp = TimeSpan.FromSeconds(3);
            await Run(legacyShoppers, warmUp);
            await Run(modularShoppers, warmUp);
            const int rounds = 4;
            var round = TimeSpan.FromSeconds(seconds / (double)rounds);
            var legacyRuns = new List<LoadResult>();
            var modularRuns = new List<LoadResult>();
            for (var i = 0; i < rounds; i++)
            {
                legacyRuns.Add(await Run(legacyShoppers, round));
                modularRuns.Add(await Run(modularShoppers, round));
            }

            Compare(context, json, ("legacy", LoadResult.Combine(legacyRuns)), ("modular host", LoadResult.Combine(modularRuns)), "modular/legacy", shoppers);
            return ExitCodes.Ok;
        }
        finally
        {
            await supervisor.StopStartedAsync();
        }
    }

    private static async Task<int> RunOutboxAsync(CliContext context, int events, CancellationToken cancellationToken)
    {
        if (events is < 100 or > 100_000)
        {
            throw CliException.Usage($"--events must be 100..100000, got {events}");
        }

        var stack = context.Stack;
        var supervisor = context.CreateSupervisor(context.ErrorConsole);
        try
        {
            await supervisor.UpAsync([stack.Postgres, stack.Kafka, stack.SchemaRegistry], cancellationToken);
            // The benchmark lives in the dev tools, which have the outbox, Kafka and registry pieces; its last line is the
            // JSON. The connection string (with the password) goes by environment, never on the command line.
            var exitCode = await context.Processes.RunAttachedAsync(
                "dotnet",
                [stack.DevToolsDll, "bench-outbox", $"--Kafka={DevStack.KafkaBootstrapServers}", $"--Registry={stack.SchemaRegistry.InternalAddress}", $"--Events={events}"],
                context.Layout.RepoRoot,
                cancellationToken,
                new Dictionary<string, string> { ["CLOUDSCALE_BENCH_Postgres"] = stack.Postgres.ConnectionString("postgres", includePassword: true) });
            return exitCode == 0 ? ExitCodes.Ok : throw new CliException($"the outbox benchmark failed (exit code {exitCode})");
        }
        finally
        {
            await supervisor.StopStartedAsync();
        }
    }

    /// <summary>Prints a baseline and a candidate measured in the same run, and the candidate's throughput ratio and added latency.</summary>
    private static void Compare(
        CliContext context, bool json, (string Name, LoadResult Result) baseline, (string Name, LoadResult Result) candidate, string ratioName, int concurrency)
    {
        var (b, c) = (baseline.Result, candidate.Result);
        var ratio = c.RequestsPerSecond / b.RequestsPerSecond;
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["concurrency"] = concurrency,
                [baseline.Name] = Summary(b),
                [candidate.Name] = Summary(c),
                ["ratio"] = ratioName,
                ["throughputRatio"] = Math.Round(ratio, 3),
                ["addedLatencyP50Ms"] = Math.Round(c.Percentile(50) - b.Percentile(50), 3),
                ["addedLatencyP99Ms"] = Math.Round(c.Percentile(99) - b.Percentile(99), 3),
            }));
            return;
        }

        var table = new Table().AddColumns("target", "iterations", "errors", "per s", "p50 ms", "p90 ms", "p99 ms");
        foreach (var (name, result) in new[] { baseline, candidate })
        {
            table.AddRow(name, result.Requests.ToString(), result.Errors.ToString(), result.RequestsPerSecond.ToString("0.0"),
                result.Percentile(50).ToString("0.00"), result.Percentile(90).ToString("0.00"), result.Percentile(99).ToString("0.00"));
        }

        context.Console.Write(table);
        context.Console.MarkupLineInterpolated(
            $"{ratioName} throughput ratio [bold]{ratio:0.00}[/]; latency difference p50 {c.Percentile(50) - b.Percentile(50):+0.00;-0.00} ms, p99 {c.Percentile(99) - b.Percentile(99):+0.00;-0.00} ms");
    }

    private static Dictionary<string, double> Summary(LoadResult result) => new()
    {
        ["requests"] = result.Requests,
        ["errors"] = result.Errors,
        ["requestsPerSecond"] = Math.Round(result.RequestsPerSecond, 1),
        ["p50Ms"] = Math.Round(result.Percentile(50), 3),
        ["p90Ms"] = Math.Round(result.Percentile(90), 3),
        ["p99Ms"] = Math.Round(result.Percentile(99), 3),
    };
}
