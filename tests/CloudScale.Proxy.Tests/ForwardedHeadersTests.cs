using CloudScale.Proxy.Tests.Support;

namespace CloudScale.Proxy.Tests;

public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task Backend_sees_client_address_scheme_and_original_host_as_X_Forwarded_headers()
    {
        await using var stack = await ProxyStack.StartAsync();

        var (_, echo) = await stack.SendThroughAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/products"));

        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
        Assert.Equal(stack.ProxyAddress.Authority, echo.Header("X-Forwarded-Host"));
        Assert.Equal(stack.Backend.BaseAddress.Authority, echo.Header("Host"));
    }

    [Fact]
    public async Task X_Forwarded_headers_sent_by_the_client_are_replaced_not_trusted()
    {
        await using var stack = await ProxyStack.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/products");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Host", "spoofed.example");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var (_, echo) = await stack.SendThroughAsync(request);

        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
        Assert.Equal(stack.ProxyAddress.Authority, echo.Header("X-Forwarded-Host"));
        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
    }
}
