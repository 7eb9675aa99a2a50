using CloudScale.BuildingBlocks.Http;
using CloudScale.Proxy.Tests.Support;

namespace CloudScale.Proxy.Tests;

public sealed class CorrelationIdTests
{
    [Fact]
    public async Task Request_without_correlation_id_gets_one_that_the_backend_sees_and_the_response_echoes()
    {
        await using var stack = await ProxyStack.StartAsync();

        var (response, echo) = await stack.SendThroughAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/products"));

        var forwarded = echo.Header(CorrelationId.HeaderName);
        Assert.False(string.IsNullOrEmpty(forwarded));
        Assert.Equal(forwarded, Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName)));
    }

    [Fact]
    public async Task Callers_correlation_id_is_forwarded_and_echoed_unchanged()
    {
        await using var stack = await ProxyStack.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/products");
        request.Headers.Add(CorrelationId.HeaderName, "order-flow-42");

        var (response, echo) = await stack.SendThroughAsync(request);

        Assert.Equal("order-flow-42", echo.Header(CorrelationId.HeaderName));
        Assert.Equal("order-flow-42", Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName)));
    }
}
