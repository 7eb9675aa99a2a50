using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.FeatureManagement;
using Npgsql;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>Wires the control plane (flags as configuration, route decisions, the store) into a service.</summary>
public static class ControlPlaneRegistration
{
    /// <summary>Service key of the control plane's <see cref="NpgsqlDataSource"/> (keyed, so it never replaces a service's own data source).</summary>
    public const string DataSourceKey = "control-plane";

    /// <summary>
    /// Adds the control plane from <c>ConnectionStrings:&lt;<paramref name="connectionStringName"/>&gt;</c>:
    /// <list type="bullet">
    /// <item>the reloading flags configuration source (<c>feature_management:feature_flags:…</c>, <c>control:groups:…</c>;
    /// poll interval <c>ControlPlane:PollInterval</c>, default 00:00:05);</item>
    /// <item>Microsoft Feature Management over that configuration, and <see cref="IRouteDecider"/> on top of it;</item>
    /// <item><see cref="IControlPlaneStore"/> on a shared <see cref="NpgsqlDataSource"/> (keyed <see cref="DataSourceKey"/>);</item>
    /// <item>a start step that runs <see cref="ControlPlaneSchema.EnsureAsync"/> and tolerates a database that is down
    /// (flags then start empty and follow once it is up; the store retries the schema on first use).</item>
    /// </list>
    /// Without the connection string nothing is read: every route decision is legacy, and every store call throws an
    /// <see cref="InvalidOperationException"/> naming the missing setting.
    /// </summary>
    public static IHostApplicationBuilder AddControlPlane(this IHostApplicationBuilder builder, string connectionStringName = "Control")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var pollInterval = builder.Configuration.GetValue<TimeSpan?>(PostgresFlagsConfigurationExtensions.PollIntervalKey);
            builder.Configuration.AddControlPlaneFlags(connectionString, pollInterval);
        }

        builder.Services.AddControlPlaneServices(connectionString, connectionStringName);
        builder.Services.AddHostedService<ControlPlaneStartup>();
        return builder;
    }

    /// <summary>
    /// The services without the configuration source and the start step: for callers that build their own
    /// configuration (tests running two "proxies" in one process).
    /// </summary>
    internal static IServiceCollection AddControlPlaneServices(this IServiceCollection services, string? connectionString, string connectionStringName)
    {
        if (!services.Any(s => s.ServiceType == typeof(IVariantFeatureManager)))
        {
            services.AddFeatureManagement();
        }

        services.TryAddSingleton<IRouteDecider, RouteDecider>();
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            services.TryAddKeyedSingleton(DataSourceKey, (_, _) => NpgsqlDataSource.Create(connectionString));
        }

        services.TryAddSingleton(provider => new ControlPlaneSchemaGate(provider.GetKeyedService<NpgsqlDataSource>(DataSourceKey), connectionStringName));
        services.TryAddSingleton<IControlPlaneStore, ControlPlaneStore>();
        return services;
    }
}
