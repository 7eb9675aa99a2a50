using CloudScale.Proxy.Metrics;
using CloudScale.Proxy.Routing;
using CloudScale.Proxy.Shoppers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Forwarder;

namespace CloudScale.Proxy.Forwarding;

/// <summary>
/// Routes and clusters come only from the <c>ReverseProxy</c> configuration section: clusters <c>legacy</c> and
/// <c>modular</c>, the route <c>legacy-fallback</c>, which matches every path with the lowest precedence
/// (<c>Order</c> = int.MaxValue), and in front of it the capability routes (checkout, payment, inventory). Those point
/// at legacy too and carry <c>Capability</c> metadata; <see cref="RouteDecisionMiddleware"/> moves a request to
/// <c>modular</c> when the capability's route flag says so for the shopper.
/// </summary>
internal static class ForwardingExtensions
{
    private const string ConfigSection = "ReverseProxy";

    public static WebApplicationBuilder AddProxyForwarding(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection(ConfigSection))
            .AddConfigFilter<RejectHashCookieAffinityFilter>()
            .AddConfigFilter<CapabilityMetadataFilter>();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RouteMetrics>();

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
        // Without routes every request would be a 404 from the proxy itself; that is a broken deployment, so say it at start.
        if (!app.Configuration.GetSection(ConfigSection + ":Routes").GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"{ConfigSection}:Routes is empty: the proxy's appsettings.json (routes and clusters) was not found in {app.Environment.ContentRootPath}.");
        }

        var maxBodyBytes = MaxRequestBodyBytes(app.Configuration);
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<InternalPathGuardMiddleware>();
            pipeline.UseMiddleware<RequestBodyLimitMiddleware>(maxBodyBytes);
            pipeline.UseMiddleware<BackendFailureProblemMiddleware>();
            pipeline.UseMiddleware<ShopperIdentityMiddleware>();
            // Before affinity and load balancing: they pick a destination of whichever cluster this step leaves.
            pipeline.UseMiddleware<RouteDecisionMiddleware>();
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
