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
}
