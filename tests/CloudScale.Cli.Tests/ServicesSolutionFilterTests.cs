using System.Text.Json;
using CloudScale.Cli.Components;
using CloudScale.Cli.Processes;
using Spectre.Console;

namespace CloudScale.Cli.Tests;

public sealed class ServicesSolutionFilterTests
{
    [Fact]
    public void Services_slnf_lists_exactly_the_projects_up_runs()
    {
        var layout = StackLayout.Locate(null, AppContext.BaseDirectory);
        var stack = new DevStack(layout, new ProcessRunner(), AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }));

        using var filter = JsonDocument.Parse(File.ReadAllText(layout.ServicesSolutionFilter));
        var listed = filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(project => project.GetString()!.Replace('\\', '/'))
            .Order();

        Assert.Equal(stack.All.OfType<DotnetServiceComponent>().Select(service => service.Project).Distinct().Order(), listed);
    }
}
