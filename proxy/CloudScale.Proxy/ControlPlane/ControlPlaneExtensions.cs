using CloudScale.BuildingBlocks.Control;
using Npgsql;

namespace CloudScale.Proxy.ControlPlane;

/// <summary>
/// Route flags for <see cref="Routing.RouteDecisionMiddleware"/> and the admin API, from the control plane database
/// named by <c>ConnectionStrings:Control</c> (the application database, schema <c>control</c>). The control plane is
/// never a start dependency: a database that is down, or not configured, means no flags, so everyone goes to legacy.
/// </summary>
internal static class ControlPlaneExtensions
{
    public const string ConnectionName = "Control";

    public static WebApplicationBuilder AddProxyControlPlane(this WebApplicationBuilder builder)
    {
        builder.AddControlPlane(ConnectionName);
        builder.Services.AddSingleton(provider =>
            new ControlDatabase(provider.GetKeyedService<NpgsqlDataSource>(ControlPlaneRegistration.DataSourceKey)));
        builder.Services.AddSingleton<LocalFlags>();
        builder.Services.AddSingleton<StockCutover>();
        return builder;
    }
}
