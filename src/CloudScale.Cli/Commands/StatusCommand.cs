using System.CommandLine;
using System.Text.Json;
using CloudScale.Cli.Components;
using CloudScale.Cli.ControlPlane;
using Spectre.Console;

namespace CloudScale.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json")
        {
            Description = "Print only a JSON array of {name, running, healthy, pid, url}",
        };
        var command = new Command("status", "Show each component's health, then routes (percent, live traffic per variant), data owners and module modes") { json };
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
                await WriteControlPlaneAsync(context, statuses, cancellationToken);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Routes, owners and module modes from the proxy's admin API, when the proxy is up to answer.</summary>
    private static async Task WriteControlPlaneAsync(CliContext context, IReadOnlyList<ComponentStatus> statuses, CancellationToken cancellationToken)
    {
        if (statuses.FirstOrDefault(s => s.Name == context.Stack.Proxy.Name) is not { Healthy: true })
        {
            context.Console.WriteLine("routes: the proxy is not running (./cloudscale up -d), so no routing state to show");
            return;
        }

        try
        {
            using var api = AdminApiClient.ForStack(context);
            RouteTables.Write(context.Console, await api.GetAsync("status", cancellationToken));
        }
        catch (CliException e)
        {
            // The component table is still worth having; say why the routes are missing instead of failing.
            context.Console.WriteLine($"routes: unavailable ({e.Message})");
        }
    }
}
