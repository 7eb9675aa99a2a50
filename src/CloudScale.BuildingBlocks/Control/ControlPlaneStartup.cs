using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// Makes sure of the control schema before the service serves, without making the control plane a start dependency:
/// a database that is down is logged and routing stays legacy until the flags provider reconnects. At stop it ends the
/// flags provider's LISTEN loop, so a host that is disposed leaves no connection behind.
/// </summary>
internal sealed class ControlPlaneStartup(ControlPlaneSchemaGate schema, IConfiguration configuration, ILogger<ControlPlaneStartup> logger)
    : IHostedService
{
    private static readonly TimeSpan SchemaTimeout = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!schema.HasDatabase)
        {
            logger.LogWarning("ConnectionStrings:{Name} is not set: no route flags, every shopper is routed to legacy.", schema.ConnectionStringName);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SchemaTimeout);
        try
        {
            await schema.ReadyAsync(timeout.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "The control plane database is not reachable at start; routing is legacy until it is (status: {Status}).",
                configuration.GetControlPlaneFlagsStatus());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.OfType<PostgresFlagsConfigurationProvider>())
            {
                provider.Dispose();
            }
        }

        return Task.CompletedTask;
    }
}
