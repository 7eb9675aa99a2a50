using CloudScale.Cli.Processes;
using Spectre.Console;

namespace CloudScale.Cli.Components;

/// <summary>
/// The components of the dev stack and how they are wired together (docs/dev-stack.md). This is the one
/// place to add a component: <see cref="All"/> is the start order, and `down` stops in reverse.
/// </summary>
internal sealed class DevStack
{
    /// <summary>The Kafka dev broker's fixed bootstrap port (a relay to librdkafka's mock cluster).</summary>
    public const int KafkaPort = 59092;

    /// <summary>Its HTTP health endpoints: the Kafka port itself speaks only the Kafka protocol.</summary>
    public const int KafkaHealthPort = 59093;

    /// <summary>The schema registry stand-in (Confluent REST API).</summary>
    public const int SchemaRegistryPort = 58081;

    public DevStack(StackLayout layout, ProcessRunner processes, IAnsiConsole console)
    {
        Postgres = new PostgresComponent(layout, processes);
        Redis = new RedisComponent(layout, processes);
        var services = new ServicesBuild(layout, processes, console);
        Kafka = new DotnetServiceComponent(
            layout, processes, services, "kafka", KafkaPort, "src/CloudScale.DevStack/CloudScale.DevStack.csproj",
            () => new Dictionary<string, string> { ["Kafka__Port"] = $"{KafkaPort}" })
        {
            Verb = "kafka",
            HealthPort = KafkaHealthPort,
            Url = KafkaBootstrapServers,
        };
        SchemaRegistry = new DotnetServiceComponent(
            layout, processes, services, "registry", SchemaRegistryPort, "src/CloudScale.DevStack/CloudScale.DevStack.csproj",
            () => new Dictionary<string, string>
            {
                ["ConnectionStrings__SchemaRegistry"] = Postgres.ConnectionString(PostgresComponent.AppDatabase, includePassword: true),
            })
        {
            Verb = "registry",
        };
        var legacy = Legacy = new DotnetServiceComponent(
            layout, processes, services, "legacy", 8081, "src/CloudScale.Legacy/CloudScale.Legacy.csproj",
            () => new Dictionary<string, string>
            {
                ["ConnectionStrings__Legacy"] = Postgres.ConnectionString(PostgresComponent.AppDatabase, includePassword: true),
                ["Legacy__MigrateOnStartup"] = "true",
                ["Legacy__SeedDemoData"] = "true",
            });
        var proxy = Proxy = new DotnetServiceComponent(
            layout, processes, services, "proxy", 8080, "proxy/CloudScale.Proxy/CloudScale.Proxy.csproj",
            () => new Dictionary<string, string>
            {
                ["ReverseProxy__Clusters__legacy__Destinations__primary__Address"] = legacy.InternalAddress,
            });
        All = [Postgres, Redis, Kafka, SchemaRegistry, legacy, proxy];
    }

    /// <summary>What clients set as <c>bootstrap.servers</c> (configuration <c>Kafka:BootstrapServers</c>).</summary>
    public static string KafkaBootstrapServers => $"127.0.0.1:{KafkaPort}";

    public PostgresComponent Postgres { get; }

    public RedisComponent Redis { get; }

    public DotnetServiceComponent Kafka { get; }

    public DotnetServiceComponent SchemaRegistry { get; }

    /// <summary>The dev tools executable (CloudScale.DevStack): broker, registry and benchmarks are its verbs.</summary>
    public string DevToolsDll => Kafka.DllPath;

    public DotnetServiceComponent Legacy { get; }

    public DotnetServiceComponent Proxy { get; }

    public IReadOnlyList<IComponent> All { get; }

    public IComponent Find(string name) =>
        All.FirstOrDefault(component => component.Name == name)
        ?? throw CliException.Usage($"unknown component '{name}'; known: {string.Join(", ", All.Select(component => component.Name))}");
}
