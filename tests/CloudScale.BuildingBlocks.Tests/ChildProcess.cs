using System.Diagnostics;
using CloudScale.BuildingBlocks.Tests.Outbox;

namespace CloudScale.BuildingBlocks.Tests;

/// <summary>
/// Run as <c>dotnet CloudScale.BuildingBlocks.Tests.dll &lt;role&gt; …</c>, this assembly is a separate process that a
/// test can really kill (the test runner never calls this entry point).
/// </summary>
public static class ChildProcess
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["outbox-dispatcher", var postgres, var kafka, var registry, var killAfter] =>
            await OutboxDispatcherProcess.RunAsync(postgres, kafka, new Uri(registry), int.Parse(killAfter)),
        _ => Usage(),
    };

    /// <summary>Starts this assembly as a child in <paramref name="role"/> and waits for it to exit.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string role, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.ArgumentList.Add(role);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A hung child must not outlive the test, still holding the outbox's dispatcher lock.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"child '{role}' did not exit within 120 s; killed it");
        }

        return (process.ExitCode, await output + await error);
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: CloudScale.BuildingBlocks.Tests.dll outbox-dispatcher <postgres> <kafka> <registry-url> <kill-after-publishes|0>");
        return 2;
    }
}
