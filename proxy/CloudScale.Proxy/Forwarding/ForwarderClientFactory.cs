using Yarp.ReverseProxy.Forwarder;

namespace CloudScale.Proxy.Forwarding;

/// <summary>
/// YARP's client factory with a shorter connect timeout: a backend that drops connection attempts (a pod gone
/// mid-rollout) should cost a shopper a few seconds and a 502, not YARP's default 15 s.
/// </summary>
internal sealed class ForwarderClientFactory(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = ConnectTimeout;
    }
}
