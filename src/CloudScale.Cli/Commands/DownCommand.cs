using System.CommandLine;
using Spectre.Console;

namespace CloudScale.Cli.Commands;

internal static class DownCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("down", "Stop every component of the stack that runs as our own process (safe to repeat)");
        command.SetAction(async (_, cancellationToken) =>
        {
            var stopped = await context.CreateSupervisor().StopRunningAsync(context.Stack.All, cancellationToken);
            if (stopped == 0)
            {
                context.Console.WriteLine("nothing was running");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
