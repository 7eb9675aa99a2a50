using System.Net;
using System.Text.Json;
using CloudScale.Proxy.Tests.Support;

namespace CloudScale.Proxy.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_reports_alive_even_when_the_backend_is_down()
    {
        await using var stack = await ProxyStack.StartAsync();
        await stack.Backend.StopAsync();

        var response = await stack.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"alive"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_is_200_ready_and_lists_each_backend_when_the_backends_answer()
    {
        await using var stack = await ProxyStack.StartAsync();

        var response = await stack.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        var backends = json.RootElement.GetProperty("backends").EnumerateArray().ToList();
        Assert.Equal(["legacy", "modular"], backends.Select(b => b.GetProperty("cluster").GetString()));
        Assert.All(backends, b => Assert.Equal("primary", b.GetProperty("destination").GetString()));
        Assert.Equal(stack.Backend.BaseAddress.ToString(), backends[0].GetProperty("address").GetString());
        Assert.Equal(stack.Modular.BaseAddress.ToString(), backends[1].GetProperty("address").GetString());
        Assert.All(backends, b => Assert.True(b.GetProperty("healthy").GetBoolean()));
        Assert.Equal(0, stack.Backend.ForwardedRequests);
        Assert.Equal(0, stack.Modular.ForwardedRequests);
    }

    [Fact]
    public async Task Readyz_is_503_unready_when_the_backend_is_stopped()
    {
        await using var stack = await ProxyStack.StartAsync();
        await stack.Backend.StopAsync();

        var response = await stack.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unready", json.RootElement.GetProperty("status").GetString());
        var legacy = Assert.Single(json.RootElement.GetProperty("backends").EnumerateArray(), b => b.GetProperty("cluster").GetString() == "legacy");
        Assert.False(legacy.GetProperty("healthy").GetBoolean());
    }
}
