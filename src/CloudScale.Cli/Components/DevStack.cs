using CloudScale.Cli.ControlPlane;
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
                // Legacy's stock gateway calls the Inventory module here once Inventory owns stock.
                ["Legacy__Inventory__BaseAddress"] = $"http://127.0.0.1:{HostPort}/",
            });
        var modulesDatabase = () => Postgres.ConnectionString(PostgresComponent.AppDatabase, includePassword: true);
        Host = new DotnetServiceComponent(
            layout, processes, services, "host", HostPort, "src/CloudScale.Host/CloudScale.Host.csproj",
            () => new Dictionary<string, string>
            {
                ["ConnectionStrings__Modules"] = modulesDatabase(),
                ["Inventory__MigrateOnStartup"] = "true",
                ["Payment__MigrateOnStartup"] = "true",
                ["Checkout__MigrateOnStartup"] = "true",
                ["Inventory__Legacy__BaseAddress"] = legacy.InternalAddress,
                ["Checkout__Catalog__BaseAddress"] = legacy.InternalAddress,
                ["Checkout__Redis"] = Redis.Endpoint,
                ["Kafka__BootstrapServers"] = KafkaBootstrapServers,
                ["Kafka__FetchWaitMaxMs"] = "5",
                ["Kafka__SessionTimeoutMs"] = "6000",
                ["SchemaRegistry__Url"] = SchemaRegistry.InternalAddress,
            });
        var proxy = Proxy = new DotnetServiceComponent(
            layout, processes, services, "proxy", 8080, "proxy/CloudScale.Proxy/CloudScale.Proxy.csproj",
            () => new Dictionary<string, string>
            {
                ["ReverseProxy__Clusters__legacy__Destinations__primary__Address"] = legacy.InternalAddress,
                ["ReverseProxy__Clusters__modular__Destinations__primary__Address"] = Host.InternalAddress,
                ["ConnectionStrings__Control"] = Postgres.ConnectionString(PostgresComponent.AppDatabase, includePassword: true),
                ["ControlPlane__AdminToken"] = AdminToken.ReadOrCreate(layout),
            });
        All = [Postgres, Redis, Kafka, SchemaRegistry, legacy, Host, proxy];
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

    /// <summary>The modular host's port (the shopper API over the Checkout, Payment and Inventory modules).</summary>
    public const int HostPort = 8082;

    /// <summary>The modular host: Checkout, Payment and Inventory in one process.</summary>
    public DotnetServiceComponent Host { get; }

    public DotnetServiceComponent Proxy { get; }

    public IReadOnlyList<IComponent> All { get; }

    public IComponent Find(string name) =>
        All.FirstOrDefault(component => component.Name == name)
        ?? throw CliException.Usage($"unknown component '{name}'; known: {string.Join(", ", All.Select(component => component.Name))}");
}
