using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudScale.Proxy.Tests.Support;

/// <summary>
/// Stands in for the legacy monolith: answers every request with what it received, so tests can assert what the
/// proxy forwarded.
/// </summary>
internal sealed class EchoBackend : IAsyncDisposable
{
    public const string SetCookiePath = "/sets-cookie";
    public const string SlowPath = "/slow";

    private readonly WebApplication _app;
    private int _forwardedRequests;
    private bool _stopped;

    private EchoBackend(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests that reached the backend, not counting the proxy's readiness probes.</summary>
    public int ForwardedRequests => Volatile.Read(ref _forwardedRequests);

    public static async Task<EchoBackend> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new EchoBackend(app);

        app.MapGet("/healthz", () => Results.Text("alive"));
        app.MapGet(SlowPath, async (CancellationToken cancel) =>
        {
            Interlocked.Increment(ref backend._forwardedRequests);
            await Task.Delay(TimeSpan.FromSeconds(30), cancel);
            return Results.Text("too late");
        });
        app.MapGet(SetCookiePath, (HttpContext context) =>
        {
            Interlocked.Increment(ref backend._forwardedRequests);
            context.Response.Cookies.Append("legacy_session", "abc");
            return Results.Text("cookie set");
        });
        app.Map("/{**path}", async (HttpContext context) =>
        {
            Interlocked.Increment(ref backend._forwardedRequests);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString());
            return Results.Json(new EchoedRequest(
                context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body));
        });

        backend.BaseAddress = await app.StartOnLoopbackAsync();
        return backend;
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.ShutDownAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
