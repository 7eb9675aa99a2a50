using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudScale.Proxy.Tests.Support;

/// <summary>
/// One or more real proxies (<see cref="ProxyApp"/>) on Kestrel, forwarding their <c>legacy</c> cluster to one
/// <see cref="EchoBackend"/> and their <c>modular</c> cluster to another. With a control plane, every proxy reads its
/// route flags from one shared, fresh PostgreSQL database, as instances behind a load balancer do.
/// </summary>
internal sealed class ProxyStack : IAsyncDisposable
{
    public const string LegacyAddressKey = "ReverseProxy:Clusters:legacy:Destinations:primary:Address";
    public const string ModularAddressKey = "ReverseProxy:Clusters:modular:Destinations:primary:Address";
    public const string AdminToken = "test-admin-token-0123456789";

    private ProxyStack(IReadOnlyList<ProxyInstance> proxies, EchoBackend backend, EchoBackend modular, TestDatabase? control)
    {
        Proxies = proxies;
        Backend = backend;
        Modular = modular;
        Control = control;
    }

    public IReadOnlyList<ProxyInstance> Proxies { get; }

    public WebApplication Proxy => Proxies[0].App;

    public Uri ProxyAddress => Proxies[0].Address;

    public HttpClient Client => Proxies[0].Client;

    /// <summary>The <c>legacy</c> cluster's backend.</summary>
    public EchoBackend Backend { get; }

    /// <summary>The <c>modular</c> cluster's backend.</summary>
    public EchoBackend Modular { get; }

    /// <summary>The shared control plane database; null when the proxies run without one (everyone legacy).</summary>
    public TestDatabase? Control { get; }

    public static Task<ProxyStack> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(settings, proxyCount: 1, withControlPlane: false);

    /// <summary><paramref name="proxyCount"/> proxies sharing one control database, with the admin API on (<see cref="AdminToken"/>).</summary>
    public static Task<ProxyStack> StartWithControlPlaneAsync(int proxyCount = 1, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(settings, proxyCount, withControlPlane: true);

    private static async Task<ProxyStack> StartAsync(IReadOnlyDictionary<string, string?>? settings, int proxyCount, bool withControlPlane)
    {
        var started = new List<IAsyncDisposable>();
        try
        {
            var backend = await EchoBackend.StartAsync("legacy");
            started.Add(backend);
            var modular = await EchoBackend.StartAsync("modular");
            started.Add(modular);
            TestDatabase? control = null;
            if (withControlPlane)
            {
                control = await TestDatabase.CreateAsync("proxy");
                started.Add(control);
            }

            var merged = new Dictionary<string, string?>
            {
                [LegacyAddressKey] = backend.BaseAddress.ToString(),
                [ModularAddressKey] = modular.BaseAddress.ToString(),
            };
            if (control is not null)
            {
                merged["ConnectionStrings:Control"] = control.ConnectionString;
                merged["ControlPlane:AdminToken"] = AdminToken;
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                merged[key] = value;
            }

            var proxies = new List<ProxyInstance>();
            for (var i = 0; i < proxyCount; i++)
            {
                var app = CreateProxy(merged);
                var address = await app.StartOnLoopbackAsync();
                var instance = new ProxyInstance(app, address);
                started.Add(instance);
                proxies.Add(instance);
            }

            return new ProxyStack(proxies, backend, modular, control);
        }
        catch
        {
            started.Reverse();
            foreach (var item in started)
            {
                await item.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Builds the proxy with <paramref name="settings"/> layered over its appsettings.json.</summary>
    public static WebApplication CreateProxy(IReadOnlyDictionary<string, string?> settings) =>
        ProxyApp.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            builder.Services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new InMemoryKeyRepository());
        });

    /// <summary>A client for the admin API of proxy <paramref name="proxy"/>, sending <paramref name="token"/> (none when null).</summary>
    public HttpClient AdminClient(int proxy = 0, string? token = AdminToken)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(Proxies[proxy].Address, "/_cloudscale/") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Sends <paramref name="request"/> through the proxy and reads what the backend received.</summary>
    public async Task<(HttpResponseMessage Response, EchoedRequest Echo)> SendThroughAsync(HttpRequestMessage request)
    {
        var response = await Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<EchoedRequest>(JsonSerializerOptions.Web);
        return (response, echo!);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in Proxies)
        {
            await proxy.DisposeAsync();
        }

        await Backend.DisposeAsync();
        await Modular.DisposeAsync();
        if (Control is not null)
        {
            await Control.DisposeAsync();
        }
    }
}

/// <summary>One started proxy and a client for it (no cookie container, no redirects: tests look at Set-Cookie and Location themselves).</summary>
internal sealed class ProxyInstance(WebApplication app, Uri address) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public Uri Address { get; } = address;

    public HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = address,
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.ShutDownAsync();
    }
}
