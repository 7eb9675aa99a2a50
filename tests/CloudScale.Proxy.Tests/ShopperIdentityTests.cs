using System.Net;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Proxy.Tests.Support;

namespace CloudScale.Proxy.Tests;

public sealed class ShopperIdentityTests
{
    [Fact]
    public async Task Anonymous_request_is_issued_a_cookie_and_the_backend_sees_the_same_id()
    {
        await using var stack = await ProxyStack.StartAsync();

        var (response, echo) = await stack.SendThroughAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/carts"));

        var cookie = SetCookies.Named(response, ShopperId.CookieName);
        Assert.NotNull(cookie);
        Assert.True(ShopperId.IsValid(cookie.Value.Value));
        Assert.Equal(cookie.Value.Value, echo.Header(ShopperId.HeaderName));
        Assert.Equal("/", cookie.Path.Value);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal(TimeSpan.FromDays(365), cookie.MaxAge);
    }

    [Fact]
    public async Task Request_with_shopper_cookie_gets_no_new_cookie_and_the_backend_sees_the_cookies_id()
    {
        await using var stack = await ProxyStack.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/carts");
        request.Headers.Add("Cookie", $"{ShopperId.CookieName}=shp_returning");

        var (response, echo) = await stack.SendThroughAsync(request);

        Assert.Null(SetCookies.Named(response, ShopperId.CookieName));
        Assert.Equal("shp_returning", echo.Header(ShopperId.HeaderName));
    }

    [Fact]
    public async Task Invalid_shopper_cookie_is_replaced_by_a_newly_issued_id()
    {
        await using var stack = await ProxyStack.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/carts");
        request.Headers.Add("Cookie", $"{ShopperId.CookieName}=not%20valid!");

        var (response, echo) = await stack.SendThroughAsync(request);

        var cookie = SetCookies.Named(response, ShopperId.CookieName);
        Assert.NotNull(cookie);
        Assert.True(ShopperId.IsValid(cookie.Value.Value));
        Assert.Equal(cookie.Value.Value, echo.Header(ShopperId.HeaderName));
    }

    [Fact]
    public async Task Valid_shopper_header_is_forwarded_as_is_and_no_cookie_is_issued()
    {
        await using var stack = await ProxyStack.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/orders");
        request.Headers.Add(ShopperId.HeaderName, "shopper-7_A");
        request.Headers.Add("Cookie", $"{ShopperId.CookieName}=shp_other");

        var (response, echo) = await stack.SendThroughAsync(request);

        Assert.Equal("shopper-7_A", echo.Header(ShopperId.HeaderName));
        Assert.Null(SetCookies.Named(response, ShopperId.CookieName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task Invalid_shopper_header_is_rejected_with_400_problem_and_never_forwarded(string shopperId)
    {
        await using var stack = await ProxyStack.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/carts") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation(ShopperId.HeaderName, shopperId);

        var response = await stack.Client.SendAsync(request);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_shopper_id", problem.Code);
        Assert.Contains(ShopperId.Rule, problem.Detail);
        Assert.Equal(problem.CorrelationId, Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName)));
        Assert.Equal(0, stack.Backend.ForwardedRequests);
    }

    [Fact]
    public async Task Proxy_health_endpoints_issue_no_shopper_cookie()
    {
        await using var stack = await ProxyStack.StartAsync();

        var health = await stack.Client.GetAsync("/healthz");
        var ready = await stack.Client.GetAsync("/readyz");

        Assert.Empty(SetCookies.Of(health));
        Assert.Empty(SetCookies.Of(ready));
    }
}
