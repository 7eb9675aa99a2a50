namespace CloudScale.Proxy.ControlPlane;

/// <summary>
/// Route flags for <see cref="Routing.RouteDecisionMiddleware"/> and the admin API, from the control plane database
/// named by <c>ConnectionStrings:Control</c>. A database that is down at start costs the modular share only: flags
/// load as none (everyone legacy) and arrive when it is back.
/// </summary>
internal static class ControlPlaneExtensions
{
    public const string ConnectionName = "Control";

    public static WebApplicationBuilder AddProxyControlPlane(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set: the proxy reads its route flags from the control plane database.");
        }

        builder.Services.AddSingleton(_ => new ControlDatabase(connectionString));
        return builder;
    }
}
