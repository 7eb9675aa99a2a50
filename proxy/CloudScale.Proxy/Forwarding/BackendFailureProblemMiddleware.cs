using CloudScale.BuildingBlocks.Http;
using Yarp.ReverseProxy.Forwarder;

namespace CloudScale.Proxy.Forwarding;

/// <summary>
/// Replaces the empty 502/503/504 YARP sets when a backend cannot be reached or does not answer in time with the
/// problem details every CloudScale error carries. Runs around the forwarder and acts only on what it left behind.
/// </summary>
internal sealed class BackendFailureProblemMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        // YARP has already logged the failure (as a warning, with the exception); this only shapes the response.
        if (context.Features.Get<IForwarderErrorFeature>() is null || context.Response.HasStarted)
        {
            return;
        }

        var status = context.Response.StatusCode;
        (string Code, string Detail)? problem = status switch
        {
            StatusCodes.Status504GatewayTimeout =>
                (ProxyProblemCodes.BackendTimeout, "The service behind this endpoint did not answer in time. Try again; quote the correlation id if it persists."),
            StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable =>
                (ProxyProblemCodes.BackendUnavailable, "The service behind this endpoint is unavailable. Try again shortly; quote the correlation id if it persists."),
            // The other statuses YARP sets (4xx) mean the client aborted or sent a broken body: nobody reads a body.
            _ => null,
        };
        if (problem is not { } p)
        {
            return;
        }

        context.Response.Clear();
        await ApiProblem.WriteAsync(context, status, p.Code, p.Detail);
    }
}
