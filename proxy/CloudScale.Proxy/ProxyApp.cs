using CloudScale.BuildingBlocks.Http;
using CloudScale.Proxy.ControlPlane;
using CloudScale.Proxy.Forwarding;
using CloudScale.Proxy.Health;

namespace CloudScale.Proxy;

/// <summary>
/// Composes the strangler proxy: the single shopper entry point in front of the legacy monolith and, route by
/// route, the modular host.
/// </summary>
public static class ProxyApp
{
    /// <summary>
    /// Builds the proxy without starting it.
    /// </summary>
    /// <param name="args">Command-line arguments, read as configuration.</param>
    /// <param name="configure">
    /// Runs after the proxy's own registrations and before <c>Build()</c>, so callers (tests, hosts) can add
    /// configuration sources or services that take precedence. The control plane is registered after it, because it
    /// reads <c>ConnectionStrings:Control</c> from that configuration (its services are added only where missing).
    /// </param>
    /// <exception cref="InvalidOperationException">The <c>ReverseProxy</c> configuration is invalid or rejected.</exception>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the folder of the binaries, not the working directory, so appsettings.json is found
        // however the dev stack or a test runner launches the proxy.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.AddProxyForwarding();
        builder.AddProxyHealth();
        configure?.Invoke(builder);
        // After the caller's configuration: the control database's address may come from it.
        builder.AddProxyControlPlane();

        var app = builder.Build();
        app.UseCloudScaleHttpConventions();
        app.MapProxyHealth();
        // Endpoints ahead of the proxy routes: nothing under /_cloudscale/ is ever forwarded. Further admin endpoints
        // (the stock cutover) are mapped on the group MapAdminApi returns, behind the same token check.
        app.MapAdminApi();
        app.MapProxyForwarding();
        return app;
    }
}
