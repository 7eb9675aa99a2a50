using System.Net;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Proxy.Tests.Support;

namespace CloudScale.Proxy.Tests;

public sealed class BackendFailureTests
{
    [Fact]
    public async Task Unreachable_backend_gives_502_problem_backend_unavailable_with_the_correlation_id()
    {
        await using var stack = await ProxyStack.StartAsync();
        await stack.Backend.StopAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/products");
        request.Headers.Add(CorrelationId.HeaderName, "outage-1");

        var response = await stack.Client.SendAsync(request);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal("backend_unavailable", problem.Code);
        Assert.Equal("outage-1", problem.CorrelationId);
        Assert.Equal("outage-1", Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName)));
    }

    [Fact]
    public async Task Anonymous_shopper_keeps_the_issued_cookie_when_the_backend_is_unreachable()
    {
        await using var stack = await ProxyStack.StartAsync();
        await stack.Backend.StopAsync();

        var response = await stack.Client.GetAsync("/api/v1/products");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.NotNull(SetCookies.Named(response, ShopperId.CookieName));
    }

    [Fact]
    public async Task Backend_silent_past_the_activity_timeout_gives_504_problem_backend_timeout()
    {
        await using var stack = await ProxyStack.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:legacy:HttpRequest:ActivityTimeout"] = "00:00:00.500",
        });

        var response = await stack.Client.GetAsync(EchoBackend.SlowPath);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.Equal("backend_timeout", problem.Code);
    }
}
