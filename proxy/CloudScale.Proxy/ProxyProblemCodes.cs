namespace CloudScale.Proxy;

/// <summary>Problem codes only the proxy produces.</summary>
internal static class ProxyProblemCodes
{
    public const string InvalidShopperId = "invalid_shopper_id";
    public const string BackendUnavailable = "backend_unavailable";
    public const string BackendTimeout = "backend_timeout";

    // Admin API (/_cloudscale/). The control plane store adds its own: unknown_capability, invalid_percentage,
    // invalid_variant, invalid_group (and invalid_shopper_id, shared with the header check above).
    public const string Unauthorized = "unauthorized";
    public const string InvalidBody = "invalid_body";
    public const string InvalidActor = "invalid_actor";
    public const string InvalidLimit = "invalid_limit";
    public const string InvalidPercentage = "invalid_percentage";
    public const string InvalidVariant = "invalid_variant";
    public const string ControlPlaneUnavailable = "control_plane_unavailable";
}
