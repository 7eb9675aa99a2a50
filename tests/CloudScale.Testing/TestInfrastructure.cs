namespace CloudScale.Testing;

/// <summary>
/// The real servers the tests run against, named by <c>./cloudscale test</c> through environment variables.
/// </summary>
public static class TestInfrastructure
{
    public const string PostgresVariable = "CLOUDSCALE_TEST_POSTGRES";
    public const string RedisVariable = "CLOUDSCALE_TEST_REDIS";
    public const string KafkaVariable = "CLOUDSCALE_TEST_KAFKA";

    /// <summary>A superuser connection string to database <c>postgres</c>; fixtures create their own databases.</summary>
    public static string PostgresAdminConnectionString => Require(PostgresVariable);

    /// <summary><c>host:port</c> of the test Redis.</summary>
    public static string RedisEndpoint => Require(RedisVariable);

    /// <summary><c>host:port</c> bootstrap servers of the Kafka dev broker; tests use topics and groups of their own.</summary>
    public static string KafkaBootstrap => Require(KafkaVariable);

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Integration tests run against real servers: run them with './cloudscale test', which starts PostgreSQL, Redis and the Kafka dev broker and sets it.");
}
