namespace CloudScale.Proxy.Health;

/// <summary>
/// The proxy's own probes. They are endpoints ahead of the proxy routes, so they never reach a backend as requests
/// and need no shopper id.
/// </summary>
internal static class HealthExtensions
{
    public static WebApplicationBuilder AddProxyHealth(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddHttpClient<BackendReadinessProbe>(http => http.Timeout = BackendReadinessProbe.ProbeTimeout)
            // Same as YARP's forwarding client: never route backend traffic through an environment HTTP proxy.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        return builder;
    }

    public static WebApplication MapProxyHealth(this WebApplication app)
    {
        // Liveness must not depend on backends, or a legacy outage would make Kubernetes restart healthy proxies.
        app.MapGet("/healthz", () => TypedResults.Json(new LivenessReport("alive"), HealthJsonContext.Default.LivenessReport));

        app.MapGet("/readyz", async (BackendReadinessProbe probe, CancellationToken cancel) =>
        {
            var report = await probe.CheckAsync(cancel);
            return TypedResults.Json(report, HealthJsonContext.Default.ReadinessReport,
                statusCode: report.Status == ReadinessReport.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
