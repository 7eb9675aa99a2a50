using CloudScale.Proxy.Tests.Support;
using Microsoft.AspNetCore.Routing;

namespace CloudScale.Proxy.Tests;

public sealed class RouteTableTests
{
    [Fact]
    public async Task Legacy_fallback_route_matches_every_path_with_the_lowest_precedence()
    {
        await using var stack = await ProxyStack.StartAsync();
        var app = stack.Proxy;

        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().ToList();

        var fallback = Assert.Single(endpoints, e => e.DisplayName == "legacy-fallback");
        Assert.Equal("{**catch-all}", fallback.RoutePattern.RawText);
        Assert.Equal(int.MaxValue, fallback.Order);
        Assert.All(endpoints.Where(e => e != fallback), e => Assert.True(e.Order < int.MaxValue, $"{e.DisplayName} would lose to the fallback"));
    }

    [Theory]
    [InlineData("GET", "/api/v1/carts", "checkout")]
    [InlineData("POST", "/api/v1/carts/c-1/items", "checkout")]
    [InlineData("POST", "/api/v1/checkouts", "checkout")]
    [InlineData("POST", "/api/v1/checkouts/s-1/complete", "checkout")]
    [InlineData("GET", "/api/v1/orders", "checkout")]
    [InlineData("GET", "/api/v1/orders/o-1", "checkout")]
    [InlineData("POST", "/api/v1/orders/o-1/cancel", "checkout")]
    [InlineData("POST", "/api/v1/orders/o-1/refund", "payment")]
    [InlineData("GET", "/api/v1/payment-methods", "payment")]
    [InlineData("DELETE", "/api/v1/payment-methods/pm-1", "payment")]
    [InlineData("GET", "/api/v1/inventory/p-1", "inventory")]
    public async Task Capability_paths_are_routed_by_their_capabilitys_flag_and_say_so(string method, string path, string capability)
    {
        // No control plane configured: every flag is missing, so every shopper is legacy.
        await using var stack = await ProxyStack.StartAsync();

        var (response, echo) = await stack.SendThroughAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(path, echo.Path);
        Assert.Equal($"{capability}=legacy", Assert.Single(response.Headers.GetValues("X-CloudScale-Route")));
        Assert.Equal("legacy", Assert.Single(response.Headers.GetValues(EchoBackend.NameHeader)));
    }

    [Theory]
    [InlineData("/api/v1/products")]
    [InlineData("/api/v1/products/p-1")]
    [InlineData("/api/v1/orders-archive")]
    [InlineData("/")]
    public async Task Other_paths_stay_on_the_legacy_fallback_without_a_route_header(string path)
    {
        await using var stack = await ProxyStack.StartAsync();

        var (response, echo) = await stack.SendThroughAsync(new HttpRequestMessage(HttpMethod.Get, path));

        Assert.Equal(path, echo.Path);
        Assert.False(response.Headers.Contains("X-CloudScale-Route"));
        Assert.Equal("legacy", Assert.Single(response.Headers.GetValues(EchoBackend.NameHeader)));
    }

    [Fact]
    public void Proxy_cannot_be_built_when_a_route_names_an_unknown_capability()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => ProxyStack.CreateProxy(new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:inventory:Metadata:Capability"] = "Inventroy",
        }));

        var messages = string.Join(" | ", Chain(failure));
        Assert.Contains("Route 'inventory' has Capability metadata 'Inventroy'; use one of checkout, payment, inventory.", messages);
    }

    private static IEnumerable<string> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            if (e is AggregateException aggregate)
            {
                foreach (var message in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return message;
                }
            }
        }
    }
}
