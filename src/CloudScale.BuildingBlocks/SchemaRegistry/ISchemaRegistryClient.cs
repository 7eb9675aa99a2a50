namespace CloudScale.BuildingBlocks.SchemaRegistry;

/// <summary>
/// The schema registry as serializers use it, shaped like Confluent's <c>ISchemaRegistryClient</c> so the real
/// client can replace this one when the package is available.
/// </summary>
public interface ISchemaRegistryClient
{
    /// <summary>Registers (or finds) <paramref name="schema"/> under <paramref name="subject"/>; returns its global id.</summary>
    Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default);

    /// <summary>The schema text with global id <paramref name="id"/>.</summary>
    Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default);

    Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default);

    Task<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default);
}

/// <summary>A schema as registered under a subject.</summary>
public sealed record RegisteredSchema(string Subject, int Version, int Id, string SchemaString);

/// <summary>The registry answered with an error (Confluent's <c>error_code</c> and message).</summary>
public sealed class SchemaRegistryException(int status, int errorCode, string message)
    : Exception($"schema registry: {message} (HTTP {status}, error code {errorCode})")
{
    /// <summary>Confluent's error code for a schema id the registry does not know.</summary>
    public const int SchemaNotFoundErrorCode = 40403;

    public int Status { get; } = status;

    public int ErrorCode { get; } = errorCode;
}

/// <summary>Subject naming (Confluent's TopicNameStrategy): one subject per topic and message part.</summary>
public static class SubjectNames
{
    public static string ForKey(string topic) => $"{topic}-key";

    public static string ForValue(string topic) => $"{topic}-value";
}
