using Yarp.ReverseProxy.Configuration;

namespace CloudScale.Proxy.Forwarding;

/// <summary>
/// Refuses clusters whose session affinity would use YARP's <c>HashCookie</c> policy. That policy needs
/// System.IO.Hashing, which our package registry lacks, so it would only fail (FileNotFoundException) on the first
/// affinitized response, after the backend had already handled the request. Failing at config load is the safe place.
/// </summary>
internal sealed class RejectHashCookieAffinityFilter : IProxyConfigFilter
{
    private const string HashCookie = "HashCookie";

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        var affinity = cluster.SessionAffinity;
        if (affinity?.Enabled != true)
        {
            return ValueTask.FromResult(cluster);
        }

        // YARP 2.x falls back to HashCookie when an enabled affinity names no policy.
        if (string.IsNullOrEmpty(affinity.Policy))
        {
            throw new InvalidOperationException(
                $"Cluster '{cluster.ClusterId}' enables session affinity without a policy, so YARP would use '{HashCookie}', " +
                $"which cannot run here: its System.IO.Hashing dependency is absent from our package registry. " +
                $"Set SessionAffinity.Policy to 'Cookie' or 'ArrCookie'.");
        }

        if (string.Equals(affinity.Policy, HashCookie, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Cluster '{cluster.ClusterId}' uses session affinity policy '{affinity.Policy}', which cannot run here: " +
                $"its System.IO.Hashing dependency is absent from our package registry. Use policy 'Cookie' or 'ArrCookie'.");
        }

        return ValueTask.FromResult(cluster);
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
