namespace CloudScale.Proxy.Tests.Support;

/// <summary>What <see cref="EchoBackend"/> received.</summary>
internal sealed record EchoedRequest(string Method, string Path, string Query, Dictionary<string, string> Headers, string Body)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
