using System.Net;
using CloudScale.Proxy.Tests.Support;

namespace CloudScale.Proxy.Tests;

public sealed class InternalPathTests
{
    [Theory]
    [InlineData("/internal/stock/levels")]
    [InlineData("/internal/stock/reservations/3f2a")]
    [InlineData("/internal")]
    [InlineData("/INTERNAL/stock/levels")]
    [InlineData("//internal/stock/levels")]
    public async Task Internal_paths_are_answered_404_not_found_and_never_forwarded(string path)
    {
        await using var stack = await ProxyStack.StartAsync();

        // Absolute, so "//internal/…" stays a path and is not read as a host name.
        var response = await stack.Client.PostAsync(new Uri(stack.ProxyAddress.ToString().TrimEnd('/') + path), new StringContent("{}"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("not_found", problem.Code);
        Assert.Equal(0, stack.Backend.ForwardedRequests);
        Assert.Equal(0, stack.Modular.ForwardedRequests);
    }

    [Fact]
    public async Task A_path_that_only_starts_with_the_word_internal_is_forwarded()
    {
        await using var stack = await ProxyStack.StartAsync();

        var (_, echo) = await stack.SendThroughAsync(new HttpRequestMessage(HttpMethod.Get, "/internalized/page"));

        Assert.Equal("/internalized/page", echo.Path);
    }
}
