using CloudScale.BuildingBlocks.Control;
using Yarp.ReverseProxy.Configuration;

namespace CloudScale.Proxy.Routing;

/// <summary>
/// Refuses a route whose <c>Capability</c> metadata names no known capability. A typo there would otherwise route
/// that path to legacy forever, with no flag able to move it and no error anywhere.
/// </summary>
internal sealed class CapabilityMetadataFilter : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) =>
        ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        if (route.Metadata is null || !route.Metadata.TryGetValue(CapabilityRoutes.MetadataKey, out var capability))
        {
            return ValueTask.FromResult(route);
        }

        // Exact spelling only: metrics and the status view key by it.
        if (!Capabilities.All.Contains(capability, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"Route '{route.RouteId}' has {CapabilityRoutes.MetadataKey} metadata '{capability}'; " +
                $"use one of {string.Join(", ", Capabilities.All)}.");
        }

        return ValueTask.FromResult(route);
    }
}
