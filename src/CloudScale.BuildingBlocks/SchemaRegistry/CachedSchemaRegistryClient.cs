using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudScale.BuildingBlocks.SchemaRegistry;

/// <summary>
/// REST client for a Confluent-compatible schema registry. Ids and schemas never change once registered, so both
/// directions are cached for the life of the client: after warm-up, serialising costs no registry round trip. A failed
/// look-up is not cached: the next call asks the registry again.
/// </summary>
public sealed class CachedSchemaRegistryClient : ISchemaRegistryClient
{
    public const string ContentType = "application/vnd.schemaregistry.v1+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient http;
    private readonly AsyncCache<(string Subject, string Schema), int> ids;
    private readonly AsyncCache<int, string> schemas;

    public CachedSchemaRegistryClient(HttpClient http)
    {
        this.http = http;

        // The cached loads are shared by every caller, so none carries a caller's token; HttpClient.Timeout bounds them.
        schemas = new(async id => (await SendAsync<SchemaReply>(HttpMethod.Get, $"schemas/ids/{id}", null, CancellationToken.None)).Schema);
        ids = new(async key =>
        {
            var reply = await SendAsync<IdReply>(HttpMethod.Post, $"subjects/{Uri.EscapeDataString(key.Subject)}/versions",
                new SchemaRequest(key.Schema), CancellationToken.None);
            schemas.TryAdd(reply.Id, key.Schema);
            return reply.Id;
        });
    }

    public Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        ids.GetAsync((subject, schema), cancellationToken);

    public Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default) => schemas.GetAsync(id, cancellationToken);

    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default) =>
        SendAsync<RegisteredSchema>(HttpMethod.Get, $"subjects/{Uri.EscapeDataString(subject)}/versions/latest", null, cancellationToken);

    public Task<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        SendAsync<RegisteredSchema>(HttpMethod.Post, $"subjects/{Uri.EscapeDataString(subject)}", new SchemaRequest(schema), cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd(ContentType);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, mediaType: new(ContentType), options: Json);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            throw new SchemaRegistryException((int)response.StatusCode, error?.ErrorCode ?? (int)response.StatusCode,
                error?.Message ?? response.ReasonPhrase ?? "request failed");
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
               ?? throw new SchemaRegistryException((int)response.StatusCode, 0, $"empty answer to {method} {path}");
    }

    private static async Task<ErrorReply?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ErrorReply>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record SchemaRequest(string Schema);

    private sealed record IdReply(int Id);

    private sealed record SchemaReply(string Schema);

    private sealed record ErrorReply([property: JsonPropertyName("error_code")] int ErrorCode, string Message);
}
