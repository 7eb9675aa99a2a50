namespace CloudScale.Proxy;

/// <summary>Problem codes only the proxy produces.</summary>
internal static class ProxyProblemCodes
{
    public const string InvalidShopperId = "invalid_shopper_id";
    public const string BackendUnavailable = "backend_unavailable";
    public const string BackendTimeout = "backend_timeout";

    // Admin API (/_cloudscale/); bad flag input answers with the control plane's own codes (ControlPlaneErrors).
    public const string Unauthorized = "unauthorized";
    public const string InvalidBody = "invalid_body";
    public const string ControlPlaneUnavailable = "control_plane_unavailable";
}
