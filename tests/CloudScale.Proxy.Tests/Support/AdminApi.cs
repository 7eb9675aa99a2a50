using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CloudScale.Proxy.Tests.Support;

/// <summary>Small helpers over the proxy's admin API and flag-routed requests, for the control plane tests.</summary>
internal static class AdminApi
{
    public static async Task<JsonElement> SendAsync(HttpClient admin, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : JsonContent.Create(body, options: JsonSerializerOptions.Web),
        };
        using var response = await admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> SendRawAsync(HttpClient admin, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return await admin.SendAsync(request);
    }

    public static Task<JsonElement> SetPercentAsync(HttpClient admin, string capability, double percent) =>
        SendAsync(admin, HttpMethod.Put, $"routes/{capability}", new { percent, reason = "test" });

    public static Task<JsonElement> StatusAsync(HttpClient admin) => SendAsync(admin, HttpMethod.Get, "status");

    public static async Task<JsonElement> RouteStatusAsync(HttpClient admin, string capability) =>
        (await StatusAsync(admin)).GetProperty("routes").EnumerateArray().Single(r => r.GetProperty("capability").GetString() == capability);

    public static async Task<int> AuditCountAsync(HttpClient admin) =>
        (await SendAsync(admin, HttpMethod.Get, "audit?limit=1000")).GetArrayLength();

    /// <summary>Which backend served <paramref name="shopperId"/>, and the route header the proxy answered with.</summary>
    public static async Task<(string Backend, string? Route)> RouteAsync(HttpClient proxy, string shopperId, string path = "/api/v1/carts")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Shopper-Id", shopperId);
        using var response = await proxy.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var route = response.Headers.TryGetValues("X-CloudScale-Route", out var values) ? values.Single() : null;
        return (response.Headers.GetValues(EchoBackend.NameHeader).Single(), route);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; returns how long that took, failing after <paramref name="limit"/>.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < limit, $"{what} did not happen within {limit}.");
            await Task.Delay(10);
        }

        return watch.Elapsed;
    }
}
