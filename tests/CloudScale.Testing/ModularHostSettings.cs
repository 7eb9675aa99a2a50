namespace CloudScale.Testing;

/// <summary>Everything the modular host needs to run in a test, pointed at that test's servers.</summary>
public static class ModularHostSettings
{
    public static (string Key, string Value)[] For(TestDatabase database, Uri legacy, Uri registry) =>
    [
        ("ConnectionStrings:Modules", database.ConnectionString),
        ("Inventory:MigrateOnStartup", "true"),
        ("Payment:MigrateOnStartup", "true"),
        ("Checkout:MigrateOnStartup", "true"),
        ("Inventory:Legacy:BaseAddress", legacy.ToString()),
        ("Checkout:Catalog:BaseAddress", legacy.ToString()),
        ("Checkout:Redis", TestInfrastructure.RedisEndpoint),
        ("Kafka:BootstrapServers", TestInfrastructure.KafkaBootstrap),
        ("Kafka:FetchWaitMaxMs", "5"),
        ("SchemaRegistry:Url", registry.ToString()),
        ("Logging:LogLevel:Default", "Warning"),
    ];
}
