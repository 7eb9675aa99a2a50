namespace CloudScale.Proxy.Routing;

/// <summary>
/// How the <c>ReverseProxy</c> configuration marks a route as flag-routed: route metadata <c>Capability</c> names the
/// capability whose route flag decides, per shopper, between the route's own cluster (<c>legacy</c>) and
/// <see cref="ModularClusterId"/>. Routes without it (the legacy fallback) are never reassigned.
/// </summary>
internal static class CapabilityRoutes
{
    public const string MetadataKey = "Capability";

    public const string ModularClusterId = "modular";

    /// <summary>Response header naming the decision, e.g. <c>checkout=modular</c>, so a shopper's report says where they went.</summary>
    public const string RouteHeader = "X-CloudScale-Route";
}
