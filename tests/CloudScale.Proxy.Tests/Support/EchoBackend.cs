using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudScale.Proxy.Tests.Support;

/// <summary>
/// Stands in for the legacy monolith (or the modular host): answers every request with what it received, so tests can
/// assert what the proxy forwarded, and names itself in <see cref="NameHeader"/> so they can tell which backend answered.
/// A request carrying <see cref="StatusHeader"/> is answered with that status (still echoed), for backend failures.
/// </summary>
internal sealed class EchoBackend : IAsyncDisposable
{
    public const string SetCookiePath = "/sets-cookie";
    public const string SlowPath = "/slow";
    public const string NameHeader = "X-Echo-Backend";
    public const string StatusHeader = "X-Echo-Status";

    private readonly WebApplication _app;
    private int _forwardedRequests;
    private bool _stopped;

    private EchoBackend(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests that reached the backend, not counting the proxy's readiness probes.</summary>
    public int ForwardedRequests => Volatile.Read(ref _forwardedRequests);

    public static async Task<EchoBackend> StartAsync(string name = "legacy")
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new EchoBackend(app, name);
        app.Use((context, next) =>
        {
            context.Response.Headers[NameHeader] = name;
            return next(context);
        });

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
            var status = int.TryParse(context.Request.Headers[StatusHeader], out var asked) ? asked : StatusCodes.Status200OK;
            return Results.Json(new EchoedRequest(
                context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body), statusCode: status);
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
