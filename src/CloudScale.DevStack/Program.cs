using CloudScale.DevStack.Bench;
using CloudScale.DevStack.Kafka;
using CloudScale.DevStack.SchemaRegistry;

// Dev-only stand-ins for servers that cannot be installed here, one verb each; arguments after the verb are
// ASP.NET configuration (e.g. --Kafka:Port=59092).
switch (args)
{
    case ["kafka", .. var settings]:
        try
        {
            await KafkaDevBroker.RunAsync(settings);
            return 0;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

    case ["registry", .. var settings]:
        try
        {
            await RegistryApp.Create(settings).RunAsync();
            return 0;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

    case ["bench-outbox", .. var settings]:
        // The connection string comes by environment (CLOUDSCALE_BENCH_Postgres): a password on the command line is visible to every local user.
        var bench = new ConfigurationBuilder().AddEnvironmentVariables("CLOUDSCALE_BENCH_").AddCommandLine(settings).Build();
        return await OutboxBenchmark.RunAsync(new BenchSettings(
            bench["Postgres"] ?? throw new InvalidOperationException("set CLOUDSCALE_BENCH_Postgres to an admin connection string"),
            bench["Kafka"] ?? "127.0.0.1:59092",
            bench["Registry"] ?? "http://127.0.0.1:58081/",
            bench.GetValue("Events", 2000),
            bench.GetValue("Writers", 8),
            TimeSpan.FromMilliseconds(bench.GetValue("PollIntervalMs", 20))));

    default:
        await Console.Error.WriteLineAsync(
            "usage: CloudScale.DevStack kafka [--Kafka:Port=59092] [--urls=http://127.0.0.1:59093]\n" +
            "       CloudScale.DevStack registry --ConnectionStrings:SchemaRegistry=<postgres> [--urls=http://127.0.0.1:58081]\n" +
            "       CLOUDSCALE_BENCH_Postgres=<admin connection string> CloudScale.DevStack bench-outbox [--Events=2000] [--Writers=8] [--PollIntervalMs=20]");
        return 2;
}
