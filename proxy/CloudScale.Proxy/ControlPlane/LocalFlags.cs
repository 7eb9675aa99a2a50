using CloudScale.BuildingBlocks.Control;

namespace CloudScale.Proxy.ControlPlane;

/// <summary>
/// Lets an admin change answer only once this proxy routes by it, so "rollback" means the very next request goes to
/// legacy, not the one after the NOTIFY arrives: waits until this instance's flags provider serves the version the
/// change wrote. Other instances follow by their own NOTIFY within about a second.
/// </summary>
internal sealed class LocalFlags(IConfiguration configuration, ILogger<LocalFlags> logger)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);

    public async Task WaitForAsync(ChangeResult<RouteFlag> change, CancellationToken cancel)
    {
        var flag = Capabilities.FlagName(change.After.Capability);
        var started = TimeProvider.System.GetTimestamp();
        while (!Serves(flag, change.After.Version))
        {
            if (TimeProvider.System.GetElapsedTime(started) > MaxWait)
            {
                logger.LogWarning("{Flag} version {Version} (audit {AuditId}) is committed but this proxy has not loaded it after {Wait}; it will on the next poll.",
                    flag, change.After.Version, change.AuditId, MaxWait);
                return;
            }

            await Task.Delay(PollEvery, cancel);
        }
    }

    // No flags provider (no control database configured): nothing to wait for.
    private bool Serves(string flag, long version) =>
        configuration.GetControlPlaneFlagsStatus() is not { } status
        || (status.FlagVersions.TryGetValue(flag, out var served) && served >= version);
}
