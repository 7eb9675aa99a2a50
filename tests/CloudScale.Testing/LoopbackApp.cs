using Microsoft.AspNetCore.Builder;

namespace CloudScale.Testing;

/// <summary>
/// Runs a real <see cref="WebApplication"/> on Kestrel at a port the OS picks, so requests cross a real socket
/// exactly as they do between processes, and tests never collide with each other or with the dev stack.
/// </summary>
public static class LoopbackHosting
{
    /// <summary>Starts <paramref name="app"/> on 127.0.0.1 with a free port and returns its base address.</summary>
    public static async Task<Uri> StartOnLoopbackAsync(this WebApplication app)
    {
        // Addresses set here take precedence over ASPNETCORE_URLS / --urls, which the test runner may have set.
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        return new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    /// <summary>Stops and disposes <paramref name="app"/>.</summary>
    public static async Task ShutDownAsync(this WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>A started app and its address, disposed as one.</summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    private LoopbackApp(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    /// <summary>E.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public static async Task<LoopbackApp> StartAsync(WebApplication app) => new(app, await app.StartOnLoopbackAsync());

    /// <summary>Settings as command-line configuration arguments (<c>--Key=Value</c>).</summary>
    public static string[] Args(params (string Key, string Value)[] settings) =>
        settings.Select(s => $"--{s.Key}={s.Value}").ToArray();

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public ValueTask DisposeAsync() => new(App.ShutDownAsync());
}
