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
        // An empty command line means a zombie (exited, not yet reaped: gone for our purposes) or, for a moment, a
        // process in the middle of exec (just spawned: very much alive). Only the process state tells them apart;
        // taking the second for the first once made `up` stop a proxy that was still starting.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var commandLine = ReadProcFile(pid, "cmdline")?.Replace('\0', ' ');
            if (commandLine is null)
            {
                return false;
            }

            if (commandLine.Length > 0)
            {
                return markers.Count > 0 && markers.All(m => commandLine.Contains(m, StringComparison.Ordinal));
            }

            if (IsZombieOrGone(pid))
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return false;
    }

    private static bool IsZombieOrGone(int pid)
    {
        // /proc/<pid>/stat: "pid (comm) S …"; comm may contain spaces and parentheses, the state follows the last ')'.
        var stat = ReadProcFile(pid, "stat");
        var close = stat?.LastIndexOf(')') ?? -1;
        return close < 0 || close + 2 >= stat!.Length || stat[close + 2] is 'Z' or 'X';
    }

    private static string? ReadProcFile(int pid, string name)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{name}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
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
