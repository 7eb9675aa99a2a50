using System.Runtime.InteropServices;

namespace CloudScale.Cli.Processes;

internal static class LinuxProcesses
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>
    /// True when <paramref name="pid"/> is alive and its command line contains every marker. Every signal we
    /// send is guarded by this: pids are reused, and a stale pid file must never make us stop someone else's process.
    /// </summary>
    public static bool IsOurs(int pid, IReadOnlyList<string> markers)
    {
        string commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // A zombie (exited, not yet reaped by init) has an empty command line: it is gone for our purposes.
        return commandLine.Length > 0 && markers.Count > 0 && markers.All(m => commandLine.Contains(m, StringComparison.Ordinal));
    }

    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) == 0)
        {
            return;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno != NoSuchProcess)
        {
            throw new CliException($"could not send signal {signal} to process {pid} (errno {errno})");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
