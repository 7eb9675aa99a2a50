using CloudScale.Cli.Components;
using Spectre.Console;

namespace CloudScale.Cli.Commands;

internal static class StatusTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ComponentStatus> statuses)
    {
        var table = new Table().AddColumns("component", "state", "pid", "url");
        foreach (var status in statuses)
        {
            table.AddRow(new Text(status.Name), State(status), new Text(status.Pid?.ToString() ?? "-"), new Text(status.Url));
        }

        console.Write(table);
    }

    private static Markup State(ComponentStatus status) => status switch
    {
        { Healthy: true } => new Markup("[green]healthy[/]"),
        { Running: true } => new Markup("[yellow]running[/]"),
        _ => new Markup("[grey]stopped[/]"),
    };
}
