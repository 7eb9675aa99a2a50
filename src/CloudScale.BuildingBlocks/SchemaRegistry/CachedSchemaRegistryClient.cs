using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudScale.BuildingBlocks.SchemaRegistry;

/// <summary>
/// REST client for a Confluent-compatible schema registry. Ids and schemas never change once registered, so both
/// directions are cached for the life of the client: after warm-up, serialising costs no registry round trip.
/// </summary>
public sealed class CachedSchemaRegistryClient(HttpClient http) : ISchemaRegistryClient
{
    public const string ContentType = "application/vnd.schemaregistry.v1+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<(string Subject, string Schema), Task<int>> ids = new();
    private readonly ConcurrentDictionary<int, Task<string>> schemas = new();

    public Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        Cached<(string Subject, string Schema), int>(ids, (subject, schema), async key =>
        {
            var reply = await SendAsync<IdReply>(HttpMethod.Post, $"subjects/{Uri.EscapeDataString(key.Subject)}/versions",
                new SchemaRequest(key.Schema), cancellationToken);
            schemas.TryAdd(reply.Id, Task.FromResult(key.Schema));
            return reply.Id;
        });

    public Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default) =>
        Cached(schemas, id, async key => (await SendAsync<SchemaReply>(HttpMethod.Get, $"schemas/ids/{key}", null, cancellationToken)).Schema);

    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default) =>
        SendAsync<RegisteredSchema>(HttpMethod.Get, $"subjects/{Uri.EscapeDataString(subject)}/versions/latest", null, cancellationToken);

    public Task<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        SendAsync<RegisteredSchema>(HttpMethod.Post, $"subjects/{Uri.EscapeDataString(subject)}", new SchemaRequest(schema), cancellationToken);

    // A failed look-up is not cached: the next call asks the registry again.
    private static async Task<TValue> Cached<TKey, TValue>(ConcurrentDictionary<TKey, Task<TValue>> cache, TKey key, Func<TKey, Task<TValue>> load)
        where TKey : notnull
    {
        var pending = cache.GetOrAdd(key, load);
        try
        {
            return await pending;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<TKey, Task<TValue>>(key, pending));
            throw;
        }
    }

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
