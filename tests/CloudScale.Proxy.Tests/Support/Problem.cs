using System.Net;
using System.Text.Json;

namespace CloudScale.Proxy.Tests.Support;

/// <summary>The parts of an RFC 7807 response the tests assert on.</summary>
internal sealed record Problem(int Status, string Code, string Detail, string CorrelationId)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response, HttpStatusCode expectedStatus)
    {
        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return new Problem(
            root.GetProperty("status").GetInt32(),
            root.GetProperty("code").GetString()!,
            root.GetProperty("detail").GetString()!,
            root.GetProperty("correlationId").GetString()!);
    }
}
