using System.CommandLine;
using Spectre.Console;
using CloudScale.Cli.Components;

namespace CloudScale.Cli.Commands;

internal static class UpCommand
{
    public static Command Create(CliContext context)
    {
        var detach = new Option<bool>("--detach", "-d")
        {
            Description = "Leave the stack running in the background and return once every component is healthy",
        };
        var command = new Command("up", "Start postgres, redis, kafka, the schema registry, legacy and proxy, waiting until each is healthy; Ctrl-C stops them")
        {
            detach,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, parseResult.GetValue(detach), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, bool detach, CancellationToken cancellationToken)
    {
        var components = context.Stack.All;
        var supervisor = context.CreateSupervisor();
        try
        {
            await supervisor.UpAsync(components, cancellationToken);
        }
        catch when (!detach)
        {
            // In the foreground the stack lives only as long as this command.
            await supervisor.StopStartedAsync();
            throw;
        }

        if (detach)
        {
            StatusTable.Write(context.Console, await StackSupervisor.StatusAsync(components, cancellationToken));
            context.Console.MarkupLine("the stack runs in the background; [bold]./cloudscale down[/] stops it");
            return ExitCodes.Ok;
        }

        // In the foreground, whatever ends this command (Ctrl-C during the table or the wait, SIGTERM, an error)
        // stops what it started.
        try
        {
            StatusTable.Write(context.Console, await StackSupervisor.StatusAsync(components, cancellationToken));
            if (supervisor.Started.Count == 0)
            {
                context.Console.MarkupLine("everything was already running, so there is nothing to wait for; [bold]./cloudscale down[/] stops it");
                return ExitCodes.Ok;
            }

            context.Console.MarkupLine("press [bold]Ctrl-C[/] to stop what this command started");
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: the normal way to end a foreground `up`.
        }
        finally
        {
            await supervisor.StopStartedAsync();
        }

        return ExitCodes.Ok;
    }
}
