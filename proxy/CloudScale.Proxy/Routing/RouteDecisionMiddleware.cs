using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Proxy.Metrics;
using Yarp.ReverseProxy;

namespace CloudScale.Proxy.Routing;

/// <summary>
/// The strangler's switch, in the proxy pipeline after the shopper is identified: on a route with a
/// <c>Capability</c>, asks the route flag where this shopper goes and, for <c>modular</c>, reassigns the request to
/// the <c>modular</c> cluster. The decision is sticky per shopper (the flag's percentile is over the shopper id), so
/// every proxy instance sends a shopper the same way. Each response says where it went in
/// <c>X-CloudScale-Route</c> — also error responses, which is when people need it — and is counted per capability
/// and variant. Routes without a capability (the legacy fallback) pass straight through, untouched and uncounted.
/// </summary>
internal sealed class RouteDecisionMiddleware(
    RequestDelegate next,
    IRouteDecider decider,
    IProxyStateLookup proxyState,
    RouteMetrics metrics,
    ILogger<RouteDecisionMiddleware> logger)
{
    private static readonly Func<object, Task> AddRouteHeader = static state =>
    {
        var (response, value) = ((HttpResponse, string))state;
        response.Headers[CapabilityRoutes.RouteHeader] = value;
        return Task.CompletedTask;
    };

    private int _missingClusterWarned;

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetRouteModel().Config.Metadata;
        if (metadata is null || !metadata.TryGetValue(CapabilityRoutes.MetadataKey, out var capability))
        {
            await next(context);
            return;
        }

        var started = TimeProvider.System.GetTimestamp();
        var variant = await DecideAsync(context, capability);
        // Set when the response starts: the failure middleware clears headers before writing its problem.
        context.Response.OnStarting(AddRouteHeader, (context.Response, capability + "=" + variant));

        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            metrics.Record(capability, variant, status, TimeProvider.System.GetElapsedTime(started));
        }
    }

    private async ValueTask<string> DecideAsync(HttpContext context, string capability)
    {
        // ShopperIdentityMiddleware ran before and left exactly one valid id here.
        var shopperId = context.Request.Headers[ShopperId.HeaderName].ToString();
        string variant;
        try
        {
            variant = await decider.DecideAsync(capability, shopperId, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Legacy serves everything; a broken decision must cost the modular share, never the request.
            logger.LogError(ex, "Deciding the {Capability} route for a shopper failed; sending them to legacy.", capability);
            return RouteVariants.Legacy;
        }

        if (variant != RouteVariants.Modular)
        {
            return RouteVariants.Legacy;
        }

        if (proxyState.TryGetCluster(CapabilityRoutes.ModularClusterId, out var modular))
        {
            context.ReassignProxyRequest(modular);
            return RouteVariants.Modular;
        }

        if (Interlocked.Exchange(ref _missingClusterWarned, 1) == 0)
        {
            logger.LogWarning(
                "Route flags send shoppers to '{Cluster}', but ReverseProxy:Clusters has no such cluster; they stay on legacy until it is configured.",
                CapabilityRoutes.ModularClusterId);
        }

        return RouteVariants.Legacy;
    }
}
