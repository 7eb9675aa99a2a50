using System.CommandLine;
using System.Text.Json;
using CloudScale.Cli.Components;

namespace CloudScale.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json")
        {
            Description = "Print only a JSON array of {name, running, healthy, pid, url}",
        };
        var command = new Command("status", "Show whether each component is running and healthy") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var statuses = await StackSupervisor.StatusAsync(context.Stack.All, cancellationToken);
            if (parseResult.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(statuses, StatusJsonContext.Default.IReadOnlyListComponentStatus));
            }
            else
            {
                StatusTable.Write(context.Console, statuses);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
