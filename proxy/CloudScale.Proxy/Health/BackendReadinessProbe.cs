using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace CloudScale.Proxy.Health;

/// <summary>
/// Asks every destination of every configured cluster for <c>GET /healthz</c>. The proxy is ready when each cluster
/// has at least one destination answering with a success status, because then every route has somewhere to go.
/// </summary>
internal sealed class BackendReadinessProbe(HttpClient http, IProxyStateLookup proxyState, ILogger<BackendReadinessProbe> logger)
{
    // Readiness probes are polled every few seconds; a backend slower than this is not ready for shoppers either.
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancel)
    {
        var clusters = proxyState.GetClusters().ToArray();
        var backends = await Task.WhenAll(clusters.SelectMany(cluster =>
            cluster.Destinations.Values.Select(destination => ProbeAsync(cluster.ClusterId, destination, cancel))));

        var ready = clusters.All(cluster => backends.Any(b => b.Cluster == cluster.ClusterId && b.Healthy));
        var ordered = backends.OrderBy(b => b.Cluster, StringComparer.Ordinal).ThenBy(b => b.Destination, StringComparer.Ordinal).ToArray();
        return new ReadinessReport(ready ? ReadinessReport.Ready : ReadinessReport.Unready, ordered);
    }

    private async Task<BackendHealth> ProbeAsync(string clusterId, DestinationState destination, CancellationToken cancel)
    {
        var address = destination.Model.Config.Address;
        try
        {
            // Resolving against the address with a trailing slash keeps any path base the destination has.
            var healthz = new Uri(new Uri(address.EndsWith('/') ? address : address + "/"), "healthz");
            using var response = await http.GetAsync(healthz, HttpCompletionOption.ResponseHeadersRead, cancel);
            return new BackendHealth(clusterId, destination.DestinationId, address, response.IsSuccessStatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or UriFormatException || (ex is OperationCanceledException && !cancel.IsCancellationRequested))
        {
            logger.LogWarning("Readiness probe of {Cluster}/{Destination} at {Address} failed: {Reason}",
                clusterId, destination.DestinationId, address, ex.Message);
            return new BackendHealth(clusterId, destination.DestinationId, address, false);
        }
    }
}
