namespace CloudScale.Proxy;

/// <summary>Problem codes only the proxy produces.</summary>
internal static class ProxyProblemCodes
{
    public const string InvalidShopperId = "invalid_shopper_id";
    public const string BackendUnavailable = "backend_unavailable";
    public const string BackendTimeout = "backend_timeout";
}
