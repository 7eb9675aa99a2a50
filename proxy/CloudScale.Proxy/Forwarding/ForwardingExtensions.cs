using CloudScale.Proxy.Shoppers;
using Yarp.ReverseProxy.Forwarder;

namespace CloudScale.Proxy.Forwarding;

/// <summary>
/// Routes and clusters come only from the <c>ReverseProxy</c> configuration section. Today it holds one cluster,
/// <c>legacy</c>, and one route, <c>legacy-fallback</c>, which matches every path with the lowest precedence
/// (<c>Order</c> = int.MaxValue). Capability routes (checkout, payment, inventory to the modular host) go into the
/// same section with a smaller <c>Order</c>, so they win wherever they match and everything else still reaches legacy.
/// </summary>
internal static class ForwardingExtensions
{
    private const string ConfigSection = "ReverseProxy";

    public static WebApplicationBuilder AddProxyForwarding(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection(ConfigSection))
            .AddConfigFilter<RejectHashCookieAffinityFilter>();

        builder.Services.AddSingleton<IForwarderHttpClientFactory, ForwarderClientFactory>();
        // Chunked bodies carry no length up front: Kestrel cuts them off at the same limit. Read when the server
        // starts, so configuration added after this call still counts.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes(builder.Configuration));
        return builder;
    }

    public static WebApplication MapProxyForwarding(this WebApplication app)
    {
        // Supplying a pipeline replaces YARP's default one, so its affinity, load-balancing and passive health steps
        // are listed again here; the forwarder itself always runs last.
        var maxBodyBytes = MaxRequestBodyBytes(app.Configuration);
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<RequestBodyLimitMiddleware>(maxBodyBytes);
            pipeline.UseMiddleware<BackendFailureProblemMiddleware>();
            pipeline.UseMiddleware<ShopperIdentityMiddleware>();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }

    private static long MaxRequestBodyBytes(IConfiguration configuration)
    {
        var limit = configuration.GetValue(RequestBodyLimitMiddleware.ConfigKey, RequestBodyLimitMiddleware.DefaultMaxBodyBytes);
        return limit > 0
            ? limit
            : throw new InvalidOperationException($"{RequestBodyLimitMiddleware.ConfigKey} must be a positive number of bytes, got {limit}.");
    }
}
