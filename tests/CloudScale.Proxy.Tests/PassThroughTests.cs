using System.Net;
using System.Text;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Proxy.Tests.Support;

namespace CloudScale.Proxy.Tests;

public sealed class PassThroughTests
{
    [Fact]
    public async Task Post_body_path_and_query_string_reach_the_backend_unchanged()
    {
        await using var stack = await ProxyStack.StartAsync();
        const string body = """{"productId":"p-1","quantity":2,"note":"ünïcode & \"quotes\""}""";
        const string pathAndQuery = "/api/v1/carts/c%2F1/items?page=2&pageSize=10&q=a%20b&q=c";
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        var (_, echo) = await stack.SendThroughAsync(request);

        Assert.Equal("POST", echo.Method);
        Assert.Equal("/api/v1/carts/c%2F1/items", echo.Path);
        Assert.Equal("?page=2&pageSize=10&q=a%20b&q=c", echo.Query);
        Assert.Equal(body, echo.Body);
        Assert.Equal("application/json; charset=utf-8", echo.Header("Content-Type"));
    }

    [Fact]
    public async Task Backend_cookies_reach_the_shopper_alongside_the_issued_shopper_cookie()
    {
        await using var stack = await ProxyStack.StartAsync();

        var response = await stack.Client.GetAsync(EchoBackend.SetCookiePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("abc", SetCookies.Named(response, "legacy_session")?.Value.Value);
        Assert.NotNull(SetCookies.Named(response, ShopperId.CookieName));
    }
}

public sealed class RequestBodyLimitTests
{
    [Fact]
    public async Task An_over_limit_body_is_refused_at_the_proxy_with_413_and_never_forwarded()
    {
        await using var stack = await ProxyStack.StartAsync(new Dictionary<string, string?> { ["Proxy:MaxRequestBodyBytes"] = "1024" });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/carts")
        {
            Content = new StringContent(new string('x', 1025), Encoding.UTF8, "application/json"),
        };

        var response = await stack.Client.SendAsync(request);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("payload_too_large", problem.Code);
        Assert.Equal(0, stack.Backend.ForwardedRequests);
    }

    [Fact]
    public async Task A_body_at_the_limit_is_forwarded()
    {
        await using var stack = await ProxyStack.StartAsync(new Dictionary<string, string?> { ["Proxy:MaxRequestBodyBytes"] = "1024" });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/carts")
        {
            Content = new StringContent(new string('x', 1024), Encoding.UTF8, "application/json"),
        };

        var (_, echo) = await stack.SendThroughAsync(request);

        Assert.Equal(1024, echo.Body.Length);
    }
}

public sealed class ChunkedBodyLimitTests
{
    [Fact]
    public async Task An_over_limit_chunked_body_is_a_413_problem_never_a_5xx()
    {
        await using var stack = await ProxyStack.StartAsync(new Dictionary<string, string?> { ["Proxy:MaxRequestBodyBytes"] = "1024" });
        var content = new StreamContent(new MemoryStream(new byte[64 * 1024]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/carts") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await stack.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", (await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge)).Code);
    }
}
