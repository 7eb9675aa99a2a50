using Microsoft.AspNetCore.Builder;

namespace CloudScale.Testing;

/// <summary>
/// Runs a real <see cref="WebApplication"/> on Kestrel at a port the OS picks, so requests cross a real socket
/// exactly as they do between processes, and tests never collide with each other or with the dev stack.
/// </summary>
public static class LoopbackHosting
{
    /// <summary>Starts <paramref name="app"/> on 127.0.0.1 with a free port (or <paramref name="port"/>) and returns its base address.</summary>
    public static async Task<Uri> StartOnLoopbackAsync(this WebApplication app, int port = 0)
    {
        // Addresses set here take precedence over ASPNETCORE_URLS / --urls, which the test runner may have set.
        app.Urls.Clear();
        app.Urls.Add($"http://127.0.0.1:{port}");
        await app.StartAsync();
        return new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    /// <summary>
    /// A port free right now, for two apps that must know each other's address before either starts (legacy's stock
    /// gateway and the host's legacy adapter). Another process could take it in between; the OS hands out ports in
    /// sequence from a large range, so that does not happen in practice.
    /// </summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
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

    public static async Task<LoopbackApp> StartAsync(WebApplication app, int port = 0) => new(app, await app.StartOnLoopbackAsync(port));

    /// <summary>Settings as command-line configuration arguments (<c>--Key=Value</c>).</summary>
    public static string[] Args(params (string Key, string Value)[] settings) =>
        settings.Select(s => $"--{s.Key}={s.Value}").ToArray();

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public ValueTask DisposeAsync() => new(App.ShutDownAsync());
}
