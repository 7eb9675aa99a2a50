using System.ComponentModel;
using System.Diagnostics;

namespace CloudScale.Cli.Processes;

/// <summary>The three ways the CLI runs programs: captured, attached to our terminal, or detached as a server.</summary>
internal sealed class ProcessRunner
{
    /// <summary>
    /// The detached program gets its own session (setsid): it outlives the CLI and gets no SIGHUP when the
    /// terminal closes. A background job of a non-interactive bash is not a process-group leader, so setsid
    /// execs in place and <c>$!</c> is the server's own pid.
    /// </summary>
    private const string SpawnScript = "log=$1; shift; setsid \"$@\" >>\"$log\" 2>&1 </dev/null & echo $!";

    public async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = CreateStartInfo(fileName, arguments, workingDirectory, environment);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        using var process = Start(startInfo);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await WaitForExitAsync(process, cancellationToken);
        return new ProcessResult(process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs with our stdin/stdout/stderr, so its output streams straight to the user.</summary>
    public async Task<int> RunAttachedAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(CreateStartInfo(fileName, arguments, workingDirectory, environment));
        await WaitForExitAsync(process, cancellationToken);
        return process.ExitCode;
    }

    /// <summary>Starts a long-running server with its output appended to <paramref name="logFile"/>; returns its pid.</summary>
    public async Task<int> SpawnDetachedAsync(
        IReadOnlyList<string> command,
        string logFile,
        string workingDirectory,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        // Marks where this run begins in a log that accumulates across runs.
        await File.AppendAllTextAsync(
            logFile, $"--- {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss} cloudscale started: {string.Join(' ', command)}\n", cancellationToken);
        var result = await RunAsync(
            "/bin/bash", ["-c", SpawnScript, "cloudscale-spawn", logFile, .. command], workingDirectory, cancellationToken, environment);
        return result.Succeeded && int.TryParse(result.Output.Trim(), out var pid)
            ? pid
            : throw new CliException($"could not start {command[0]}: {result.LastLine}");
    }

    private static ProcessStartInfo CreateStartInfo(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var startInfo = new ProcessStartInfo(fileName) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    private static Process Start(ProcessStartInfo startInfo)
    {
        try
        {
            return Process.Start(startInfo) ?? throw new CliException($"could not start {startInfo.FileName}");
        }
        catch (Win32Exception e)
        {
            throw new CliException($"could not start {startInfo.FileName}: {e.Message}");
        }
    }

    private static async Task WaitForExitAsync(Process process, CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
