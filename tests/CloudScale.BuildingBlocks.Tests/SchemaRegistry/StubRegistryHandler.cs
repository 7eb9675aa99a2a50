using System.Net;
using System.Text;
using System.Text.Json;
using CloudScale.BuildingBlocks.SchemaRegistry;

namespace CloudScale.BuildingBlocks.Tests.SchemaRegistry;

/// <summary>
/// Answers schema registry requests as a test scripts them, by request number (from 1); a null answer passes the
/// request on to <see cref="DelegatingHandler.InnerHandler"/> (a real registry, when one is set).
/// </summary>
internal sealed class StubRegistryHandler(Func<int, CancellationToken, Task<HttpResponseMessage?>> answer) : DelegatingHandler
{
    private int _requests;

    public StubRegistryHandler(Func<int, HttpResponseMessage?> answer)
        : this((number, _) => Task.FromResult(answer(number)))
    {
    }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A client of a registry that exists only in <paramref name="handler"/>.</summary>
    public static CachedSchemaRegistryClient ClientOf(StubRegistryHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://registry.test/") });

    public static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        Reply(status, JsonSerializer.Serialize(body), CachedSchemaRegistryClient.ContentType);

    public static HttpResponseMessage Schema(string schema) => Json(HttpStatusCode.OK, new { schema });

    public static HttpResponseMessage Error(HttpStatusCode status, int errorCode, string message) =>
        Json(status, new { error_code = errorCode, message });

    /// <summary>What an ingress or a wrong base path answers: a 404, but not the registry's.</summary>
    public static HttpResponseMessage HtmlNotFound() =>
        Reply(HttpStatusCode.NotFound, "<html><body><h1>404 Not Found</h1>nginx</body></html>", "text/html");

    /// <summary>What HttpClient throws when nothing listens on the registry's port.</summary>
    public static HttpRequestException ConnectionRefused() =>
        new("Connection refused (registry.test:80)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await answer(Interlocked.Increment(ref _requests), cancellationToken) ?? await base.SendAsync(request, cancellationToken);

    private static HttpResponseMessage Reply(HttpStatusCode status, string body, string mediaType) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
}
