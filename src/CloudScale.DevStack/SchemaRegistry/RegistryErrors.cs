namespace CloudScale.DevStack.SchemaRegistry;

/// <summary>Confluent Schema Registry's error codes, so clients written for the real registry behave the same here.</summary>
internal static class RegistryErrors
{
    public const int SubjectNotFound = 40401;
    public const int VersionNotFound = 40402;
    public const int SchemaNotFound = 40403;
    public const int SubjectCompatibilityNotConfigured = 40408;
    public const int Incompatible = 409;
    public const int InvalidSchema = 42201;
    public const int InvalidVersion = 42202;
    public const int InvalidCompatibilityLevel = 42203;
    public const int UnprocessableEntity = 422;
    public const int StoreError = 50001;
}

/// <summary>A failure with Confluent's status, error code and message.</summary>
internal sealed class RegistryException(int status, int errorCode, string message) : Exception(message)
{
    public int Status { get; } = status;

    public int ErrorCode { get; } = errorCode;

    public static RegistryException SubjectNotFound(string subject) => new(404, RegistryErrors.SubjectNotFound, $"Subject '{subject}' not found.");

    public static RegistryException VersionNotFound(string subject, int version) =>
        new(404, RegistryErrors.VersionNotFound, $"Version {version} not found for subject '{subject}'.");

    public static RegistryException SchemaNotFound(string detail = "Schema not found") => new(404, RegistryErrors.SchemaNotFound, detail);

    public static RegistryException InvalidVersion(string raw) =>
        new(422, RegistryErrors.InvalidVersion, $"The specified version '{raw}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
}
