namespace CloudScale.Cli.Processes;

/// <summary>
/// A server we started, known by its pid file and by text its command line must contain
/// (see <see cref="LinuxProcesses.IsOurs"/>).
/// </summary>
internal sealed class TrackedProcess(string pidFile, IReadOnlyList<string> commandLineMarkers)
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    public int? FindRunning()
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return null;
        }

        return LinuxProcesses.IsOurs(pid, commandLineMarkers) ? pid : null;
    }

    public void Record(int pid) => File.WriteAllText(pidFile, $"{pid}\n");

    public void Forget()
    {
        if (File.Exists(pidFile))
        {
            File.Delete(pidFile);
        }
    }

    /// <summary>SIGTERM, up to 15 s to exit, then SIGKILL. A stale pid file is simply removed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (FindRunning() is { } pid)
        {
            LinuxProcesses.Signal(pid, LinuxProcesses.SigTerm);
            if (!await WaitForExitAsync(pid, GracePeriod, cancellationToken))
            {
                LinuxProcesses.Signal(pid, LinuxProcesses.SigKill);
                if (!await WaitForExitAsync(pid, KillWait, cancellationToken))
                {
                    throw new CliException($"process {pid} is still running after SIGKILL; {pidFile} is left in place");
                }
            }
        }

        Forget();
    }

    private async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (LinuxProcesses.IsOurs(pid, commandLineMarkers))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return true;
    }
}
