namespace CloudScale.Cli.Components;

/// <summary>One server process of the dev stack. <see cref="StackSupervisor"/> starts them in <see cref="DevStack.All"/> order.</summary>
internal interface IComponent
{
    string Name { get; }

    int Port { get; }

    /// <summary>How a person reaches it; shown by <c>status</c>.</summary>
    string Url { get; }

    /// <summary>The pid of our own running process; null when stopped, when the pid file is stale, or when the pid now belongs to someone else.</summary>
    int? FindRunningPid();

    /// <summary>Launches the process and records its pid; returns without waiting for it to become healthy.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops our process if it runs and removes its pid file.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>One quick health check: false, not an exception, when the component does not answer.</summary>
    Task<bool> ProbeAsync(CancellationToken cancellationToken);
}
