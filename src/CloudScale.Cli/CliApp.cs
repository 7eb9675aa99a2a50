using System.CommandLine;
using CloudScale.Cli.Commands;

namespace CloudScale.Cli;

/// <summary>
/// The whole command line: parses, runs one command, and turns every failure into one <c>error:</c> line
/// and an exit code (0 ok, 1 failure, 2 usage error, 130 interrupted).
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Runs the CloudScale dev stack and its tests.")
        {
            UpCommand.Create(context),
            DownCommand.Create(context),
            StatusCommand.Create(context),
            LogsCommand.Create(context),
            TestCommand.Create(context),
            BenchCommand.Create(context),
            DbCommand.Create(context),
            CutoverCommand.Create(context),
        };
        foreach (var command in RouteCommand.Create(context))
        {
            root.Add(command);
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            var command = parseResult.CommandResult.Command;
            var help = command == root ? "cloudscale --help" : $"cloudscale {command.Name} --help";
            var messages = string.Join(" ", parseResult.Errors.Select(error => error.Message));
            context.Error.WriteLine($"error: {messages} (see '{help}')");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Output,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            // Signals are ours (ShutdownSignal): `up` must be able to stop its components, however long that takes.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (CliException e)
        {
            foreach (var line in e.Details)
            {
                context.Error.WriteLine(line);
            }

            context.Error.WriteLine($"error: {OneLine(e.Message)}");
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            context.Error.WriteLine($"error: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
