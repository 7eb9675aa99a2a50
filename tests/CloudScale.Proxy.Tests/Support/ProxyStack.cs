using CloudScale.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudScale.Proxy.Tests.Support;

/// <summary>The real proxy (<see cref="ProxyApp"/>) on Kestrel, forwarding its <c>legacy</c> cluster to an <see cref="EchoBackend"/>.</summary>
internal sealed class ProxyStack : IAsyncDisposable
{
    public const string LegacyAddressKey = "ReverseProxy:Clusters:legacy:Destinations:primary:Address";

    private ProxyStack(WebApplication proxy, EchoBackend backend, Uri proxyAddress)
    {
        Proxy = proxy;
        Backend = backend;
        ProxyAddress = proxyAddress;
        // No cookie container and no redirects: tests look at Set-Cookie and Location themselves.
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = proxyAddress,
        };
    }

    public WebApplication Proxy { get; }

    public EchoBackend Backend { get; }

    public Uri ProxyAddress { get; }

    public HttpClient Client { get; }

    public static async Task<ProxyStack> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var backend = await EchoBackend.StartAsync();
        try
        {
            var proxy = CreateProxy(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                [LegacyAddressKey] = backend.BaseAddress.ToString(),
            });
            var address = await proxy.StartOnLoopbackAsync();
            return new ProxyStack(proxy, backend, address);
        }
        catch
        {
            await backend.DisposeAsync();
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
        Client.Dispose();
        await Proxy.ShutDownAsync();
        await Backend.DisposeAsync();
    }
}
