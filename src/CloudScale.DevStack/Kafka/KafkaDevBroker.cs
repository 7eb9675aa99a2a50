using System.Net;

namespace CloudScale.DevStack.Kafka;

/// <summary>
/// Verb <c>kafka</c>: the Kafka dev broker. A librdkafka mock cluster (see <see cref="MockCluster"/> for what it
/// does not do) behind a fixed bootstrap port (<c>Kafka:Port</c>, default 59092), with the topics of
/// kafka-topics.json, and HTTP health endpoints (ASPNETCORE_URLS, default http://127.0.0.1:59093).
/// Clients should set <c>fetch.wait.max.ms</c> to 1–5 ms against it (<c>Kafka:FetchWaitMaxMs</c>).
/// </summary>
internal static class KafkaDevBroker
{
    public const int DefaultPort = 59092;
    public const string DefaultHealthUrl = "http://127.0.0.1:59093";

    // One broker leads every partition, so the relay's single target serves bootstrap and all data.
    private const int BrokerCount = 1;

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The CLI probes /readyz four times a second while starting it; one line per probe would bury the log.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultHealthUrl);
        }

        var port = builder.Configuration.GetValue("Kafka:Port", DefaultPort);
        var topics = TopicDeclarations.Load(Path.Combine(AppContext.BaseDirectory, TopicDeclarations.FileName));

        await using var relay = TcpRelay.Listen(new IPEndPoint(IPAddress.Loopback, port));
        using var cluster = MockCluster.Start(BrokerCount);
        foreach (var topic in topics)
        {
            cluster.CreateTopic(topic.Name, topic.Partitions, replicationFactor: BrokerCount);
        }

        relay.Forward(cluster.FirstBroker);

        builder.Services.AddSingleton(provider => new BrokerHealthCheck(cluster, relay, provider.GetRequiredService<ILoggerFactory>()));
        await using var app = builder.Build();
        app.MapGet("/healthz", () => cluster.IsRunning ? Results.Ok("alive") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/readyz", async (BrokerHealthCheck health, CancellationToken cancellationToken) =>
        {
            var report = await health.CheckAsync(cancellationToken);
            return Results.Json(report, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        app.Logger.LogInformation(
            "Kafka dev broker (librdkafka mock cluster) at {Bootstrap}, relayed to broker 1 at {Broker}; topics: {Topics}",
            relay.Endpoint, relay.Target, string.Join(", ", topics.Select(topic => $"{topic.Name} ({topic.Partitions})")));
        await app.RunAsync();
    }
}
