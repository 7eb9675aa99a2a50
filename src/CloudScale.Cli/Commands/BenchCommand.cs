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
        return new Command("bench", "Measure performance ratios on this machine (starts the stack if needed)") { proxy, outbox, checkout };
    }

    private static async Task<int> RunProxyAsync(CliContext context, int seconds, int connections, bool json, CancellationToken cancellationToken)
    {
        if (seconds is < 2 or > 600)
        {
            throw CliException.Usage($"--seconds must be 2..600, got {seconds}");
        }

        if (connections is < 1 or > 512)
        {
            throw CliException.Usage($"--connections must be 1..512, got {connections}");
        }

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
            var page = await client.GetFromJsonAsync<JsonElement>(new Uri(direct, "api/v1/products?pageSize=1"), cancellationToken);
            var path = $"api/v1/products/{page.GetProperty("items")[0].GetProperty("productId").GetString()}";
            Func<HttpRequestMessage> To(Uri target) => () =>
            {
                var message = new HttpRequestMessage(HttpMethod.Get, new Uri(target, path));
                message.Headers.Add("X-Shopper-Id", "shp_bench");
                return message;
            };

            progress.MarkupLineInterpolated($"bench: GET /{path}, {connections} connections, {seconds} s per target");
            var warmUp = TimeSpan.FromSeconds(2);
            await HttpLoad.RunAsync(client, To(direct), connections, warmUp, cancellationToken);
            await HttpLoad.RunAsync(client, To(proxied), connections, warmUp, cancellationToken);

            // Alternating rounds spread any drift of the machine (GC, other load) over both targets alike.
            const int rounds = 4;
            var round = TimeSpan.FromSeconds(seconds / (double)rounds);
            var directRuns = new List<LoadResult>();
            var proxiedRuns = new List<LoadResult>();
            for (var i = 0; i < rounds; i++)
            {
                directRuns.Add(await HttpLoad.RunAsync(client, To(direct), connections, round, cancellationToken));
                proxiedRuns.Add(await HttpLoad.RunAsync(client, To(proxied), connections, round, cancellationToken));
            }

            Compare(context, json, ("legacy direct", LoadResult.Combine(directRuns)), ("through proxy", LoadResult.Combine(proxiedRuns)), "proxy/direct", connections);
            return ExitCodes.Ok;
        }
        finally
        {
            await supervisor.StopStartedAsync();
        }
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
