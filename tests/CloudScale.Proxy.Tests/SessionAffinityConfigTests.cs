using System.Net;
using CloudScale.Proxy.Tests.Support;

namespace CloudScale.Proxy.Tests;

public sealed class SessionAffinityConfigTests
{
    [Theory]
    [InlineData("HashCookie")]
    [InlineData("hashcookie")]
    public void Proxy_cannot_be_built_when_a_cluster_uses_the_HashCookie_affinity_policy(string policy)
    {
        var failure = BuildFailure(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:legacy:SessionAffinity:Enabled"] = "true",
            ["ReverseProxy:Clusters:legacy:SessionAffinity:Policy"] = policy,
        });

        Assert.Contains($"Cluster 'legacy' uses session affinity policy '{policy}'", failure);
        Assert.Contains("System.IO.Hashing dependency is absent from our package registry", failure);
        Assert.Contains("Use policy 'Cookie' or 'ArrCookie'", failure);
    }

    [Fact]
    public void Proxy_cannot_be_built_when_affinity_is_enabled_without_a_policy_because_YARP_defaults_to_HashCookie()
    {
        var failure = BuildFailure(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:legacy:SessionAffinity:Enabled"] = "true",
        });

        Assert.Contains("Cluster 'legacy' enables session affinity without a policy, so YARP would use 'HashCookie'", failure);
    }

    [Fact]
    public async Task ArrCookie_affinity_policy_is_accepted_and_affinitizes_proxied_responses()
    {
        await using var stack = await ProxyStack.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:legacy:SessionAffinity:Enabled"] = "true",
            ["ReverseProxy:Clusters:legacy:SessionAffinity:Policy"] = "ArrCookie",
            ["ReverseProxy:Clusters:legacy:SessionAffinity:AffinityKeyName"] = "cs_affinity",
        });

        var response = await stack.Client.GetAsync("/api/v1/products");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(SetCookies.Named(response, "cs_affinity"));
    }

    /// <summary>
    /// YARP 2.1.0 loads its configuration inside <c>MapReverseProxy</c>, so a rejected config surfaces from
    /// <see cref="ProxyApp.Create"/>, before any server starts, as InvalidOperationException("Unable to load or apply
    /// the proxy configuration.") wrapping AggregateException("The proxy config is invalid.") wrapping, per cluster,
    /// ArgumentException("An exception was thrown from the configuration callbacks for cluster '…'.") wrapping the
    /// filter's own exception. Returns every message in that chain.
    /// </summary>
    private static string BuildFailure(Dictionary<string, string?> settings)
    {
        settings[ProxyStack.LegacyAddressKey] = "http://127.0.0.1:9/";

        var failure = Assert.Throws<InvalidOperationException>(() => ProxyStack.CreateProxy(settings));

        Assert.Equal("Unable to load or apply the proxy configuration.", failure.Message);
        var invalid = Assert.IsType<AggregateException>(failure.InnerException);
        var perCluster = Assert.IsType<ArgumentException>(Assert.Single(invalid.InnerExceptions));
        Assert.Equal("An exception was thrown from the configuration callbacks for cluster 'legacy'.", perCluster.Message);
        return Assert.IsType<InvalidOperationException>(perCluster.InnerException).Message;
    }
}
