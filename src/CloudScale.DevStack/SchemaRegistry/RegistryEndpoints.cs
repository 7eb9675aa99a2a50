using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudScale.DevStack.SchemaRegistry;

/// <summary>The Confluent Schema Registry REST endpoints a serializer, a deserializer and an operator need.</summary>
internal static class RegistryEndpoints
{
    public const string ContentType = "application/vnd.schemaregistry.v1+json";

    public static void MapRegistryEndpoints(this WebApplication app)
    {
        app.MapGet("/schemas/ids/{id:int}", async (int id, RegistryStore store, CancellationToken ct) =>
            Reply(new SchemaReply(await store.SchemaByIdAsync(id, ct) ?? throw RegistryException.SchemaNotFound())));

        app.MapGet("/subjects", async (RegistryStore store, CancellationToken ct) => Reply(await store.SubjectsAsync(ct)));

        app.MapGet("/subjects/{subject}/versions", async (string subject, RegistryStore store, CancellationToken ct) =>
        {
            var versions = await store.VersionsAsync(subject, ct);
            return versions.Count == 0 ? throw RegistryException.SubjectNotFound(subject) : Reply(versions.Select(v => v.Version));
        });

        app.MapGet("/subjects/{subject}/versions/{version}", async (string subject, string version, RegistryService registry, CancellationToken ct) =>
            Reply(Describe(await registry.VersionAsync(subject, version, ct))));

        app.MapGet("/subjects/{subject}/versions/{version}/schema", async (string subject, string version, RegistryService registry, CancellationToken ct) =>
            Results.Text((await registry.VersionAsync(subject, version, ct)).Schema, ContentType));

        app.MapPost("/subjects/{subject}/versions", async (string subject, HttpRequest request, RegistryService registry, CancellationToken ct) =>
            Reply(new IdReply((await registry.RegisterAsync(subject, await ReadSchemaAsync(request, ct), ct)).Id)));

        app.MapPost("/subjects/{subject}", async (string subject, HttpRequest request, RegistryService registry, CancellationToken ct) =>
            Reply(Describe(await registry.LookupAsync(subject, await ReadSchemaAsync(request, ct), ct))));

        app.MapPost("/compatibility/subjects/{subject}/versions/{version}",
            async (string subject, string version, bool? verbose, HttpRequest request, RegistryService registry, CancellationToken ct) =>
            {
                var problems = await registry.CheckAsync(subject, version, await ReadSchemaAsync(request, ct), ct);
                return Reply(new CompatibilityReply(problems.Count == 0, verbose == true ? problems : null));
            });

        app.MapGet("/config", async (RegistryStore store, CancellationToken ct) =>
            Reply(new ConfigReply((await store.GlobalLevelAsync(ct)).ToWire())));

        app.MapPut("/config", async (HttpRequest request, RegistryStore store, CancellationToken ct) =>
        {
            var level = CompatibilityLevels.Parse((await ReadAsync<ConfigUpdate>(request, ct)).Compatibility);
            await store.SetLevelAsync(null, level, ct);
            return Reply(new ConfigUpdate(level.ToWire()));
        });

        app.MapGet("/config/{subject}", async (string subject, bool? defaultToGlobal, RegistryStore store, CancellationToken ct) =>
        {
            var level = await store.SubjectLevelAsync(subject, ct)
                        ?? (defaultToGlobal == true
                            ? await store.GlobalLevelAsync(ct)
                            : throw new RegistryException(404, RegistryErrors.SubjectCompatibilityNotConfigured,
                                $"Subject '{subject}' does not have subject-level compatibility configured"));
            return Reply(new ConfigReply(level.ToWire()));
        });

        app.MapPut("/config/{subject}", async (string subject, HttpRequest request, RegistryStore store, CancellationToken ct) =>
        {
            var level = CompatibilityLevels.Parse((await ReadAsync<ConfigUpdate>(request, ct)).Compatibility);
            await store.SetLevelAsync(subject, level, ct);
            return Reply(new ConfigUpdate(level.ToWire()));
        });
    }

    private static object Describe(SubjectVersion version) => new VersionReply(version.Subject, version.Id, version.Version, version.Schema);

    private static IResult Reply<T>(T body) => Results.Json(body, RegistryJson.Options, ContentType);

    private static async Task<string> ReadSchemaAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await ReadAsync<SchemaRequest>(request, ct);
        if (body.SchemaType is not (null or "AVRO"))
        {
            throw new RegistryException(422, RegistryErrors.InvalidSchema, $"Unsupported schema type '{body.SchemaType}'; this registry stores AVRO only");
        }

        if (body.References is { Count: > 0 })
        {
            throw new RegistryException(422, RegistryErrors.InvalidSchema, "Schema references are not supported by this registry");
        }

        return body.Schema ?? throw new RegistryException(422, RegistryErrors.UnprocessableEntity, "The request has no 'schema' field");
    }

    // Clients send application/vnd.schemaregistry.v1+json, which ASP.NET's JSON binding would refuse: read it ourselves.
    private static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, RegistryJson.Options, ct)
                   ?? throw new RegistryException(422, RegistryErrors.UnprocessableEntity, "The request body is empty");
        }
        catch (JsonException ex)
        {
            throw new RegistryException(422, RegistryErrors.UnprocessableEntity, $"The request body is not valid JSON: {ex.Message}");
        }
    }

    private sealed record SchemaRequest(string? Schema, string? SchemaType, List<JsonElement>? References);

    private sealed record SchemaReply(string Schema);

    private sealed record IdReply(int Id);

    private sealed record VersionReply(string Subject, int Id, int Version, string Schema);

    private sealed record CompatibilityReply(
        [property: JsonPropertyName("is_compatible")] bool IsCompatible,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Messages);

    private sealed record ConfigReply(string CompatibilityLevel);

    private sealed record ConfigUpdate(string? Compatibility);
}

internal static class RegistryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
