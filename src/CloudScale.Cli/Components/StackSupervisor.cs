using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Spectre.Console;

namespace CloudScale.Cli.Components;

/// <summary>
/// Starts components and waits for their health, and remembers which ones it started itself: a command
/// stops only those, never components that were already running before it.
/// </summary>
internal sealed class StackSupervisor(StackLayout layout, IAnsiConsole console)
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int LogLinesOnFailure = 15;

    private readonly List<IComponent> _started = [];

    /// <summary>The components this supervisor started, in start order.</summary>
    public IReadOnlyList<IComponent> Started => _started;

    /// <summary>
    /// Brings each component up in order, waiting until it is healthy before the next. One that fails to
    /// become healthy is stopped again; the ones before it keep running.
    /// </summary>
    public async Task UpAsync(IEnumerable<IComponent> components, CancellationToken cancellationToken)
    {
        using var stackLock = await StackLock.AcquireAsync(layout, console, cancellationToken);
        foreach (var component in components)
        {
            await UpAsync(component, cancellationToken);
        }
    }

    /// <summary>Stops, in reverse order, what <see cref="UpAsync(IEnumerable{IComponent}, CancellationToken)"/> started.</summary>
    public async Task StopStartedAsync()
    {
        // Stopping must finish even when the command was cancelled: that is when it runs.
        await StopRunningAsync(_started, CancellationToken.None);
        _started.Clear();
    }

    /// <summary>Stops, in reverse order, each component that runs as our process; returns how many it stopped.</summary>
    public async Task<int> StopRunningAsync(IReadOnlyList<IComponent> components, CancellationToken cancellationToken)
    {
        using var stackLock = await StackLock.AcquireAsync(layout, console, cancellationToken);
        var stopped = 0;
        foreach (var component in components.Reverse())
        {
            var pid = component.FindRunningPid();
            // Also clears a stale pid file when the component is not running.
            await component.StopAsync(cancellationToken);
            if (pid is not null)
            {
                console.MarkupLineInterpolated($"[bold]{component.Name}[/]: stopped (pid {pid})");
                stopped++;
            }
        }

        return stopped;
    }

    public static async Task<IReadOnlyList<ComponentStatus>> StatusAsync(
        IEnumerable<IComponent> components, CancellationToken cancellationToken)
    {
        var statuses = new List<ComponentStatus>();
        foreach (var component in components)
        {
            var pid = component.FindRunningPid();
            var healthy = pid is not null && await component.ProbeAsync(cancellationToken);
            statuses.Add(new ComponentStatus(component.Name, pid is not null, healthy, pid, component.Url));
        }

        return statuses;
    }

    private async Task UpAsync(IComponent component, CancellationToken cancellationToken)
    {
        if (component.FindRunningPid() is { } pid)
        {
            // Ours but not answering yet (an earlier `up` may still be starting it): wait rather than start a second copy.
            await WaitUntilHealthyAsync(component, cancellationToken);
            console.MarkupLineInterpolated($"[bold]{component.Name}[/]: already running (pid {pid})");
            return;
        }

        if (await IsPortTakenAsync(component.Port, cancellationToken))
        {
            throw new CliException($"port {component.Port} ({component.Name}) is already in use by another process");
        }

        console.MarkupLineInterpolated($"[bold]{component.Name}[/]: starting");
        var elapsed = Stopwatch.StartNew();
        try
        {
            await component.StartAsync(cancellationToken);
            _started.Add(component);
            await WaitUntilHealthyAsync(component, cancellationToken);
        }
        catch
        {
            // Leave nothing half-started behind.
            await component.StopAsync(CancellationToken.None);
            _started.Remove(component);
            throw;
        }

        console.MarkupLineInterpolated(
            $"[bold]{component.Name}[/]: [green]healthy[/] after {elapsed.Elapsed.TotalSeconds:0.0} s (pid {component.FindRunningPid()})");
    }

    private async Task WaitUntilHealthyAsync(IComponent component, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await component.ProbeAsync(cancellationToken))
        {
            if (component.FindRunningPid() is null)
            {
                throw Failure(component, "exited during startup");
            }

            if (elapsed.Elapsed > HealthTimeout)
            {
                throw Failure(component, $"did not become healthy within {HealthTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private CliException Failure(IComponent component, string what)
    {
        var log = layout.LogFile(component.Name);
        return new CliException(
            $"{component.Name} {what}; see {layout.Display(log)}", details: LogTail.Excerpt(layout, log, LogLinesOnFailure));
    }

    /// <summary>
    /// Connects rather than binds: a listener is what would clash with the component, while sockets of our own
    /// previous run lingering in TIME_WAIT must not count.
    /// </summary>
    private static async Task<bool> IsPortTakenAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Something accepts nothing but holds the port (a full backlog): still not free for us.
            return true;
        }
    }
}
