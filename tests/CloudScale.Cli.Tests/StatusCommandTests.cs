using System.Text.Json;

namespace CloudScale.Cli.Tests;

public sealed class StatusCommandTests
{
    [Fact]
    public async Task Json_lists_every_component_with_exactly_name_running_healthy_pid_url()
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync("status", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Empty(run.Error);
        using var document = JsonDocument.Parse(run.Output);
        var components = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(["postgres", "redis", "kafka", "registry", "legacy", "host", "proxy"], components.Select(c => c.GetProperty("name").GetString()));
        foreach (var component in components)
        {
            Assert.Equal(["name", "running", "healthy", "pid", "url"], component.EnumerateObject().Select(p => p.Name));
            Assert.False(component.GetProperty("running").GetBoolean());
            Assert.False(component.GetProperty("healthy").GetBoolean());
            Assert.Equal(JsonValueKind.Null, component.GetProperty("pid").ValueKind);
        }

        Assert.Equal(
            [
                "Host=127.0.0.1;Port=55432;Database=cloudscale;Username=cloudscale", "redis://127.0.0.1:56379", "127.0.0.1:59092",
                "http://localhost:58081", "http://localhost:8081", "http://localhost:8082", "http://localhost:8080",
            ],
            components.Select(c => c.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task Table_shows_stopped_components_without_escape_codes_when_not_on_a_terminal()
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync("status");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.DoesNotContain("\u001b[", run.Output);
        Assert.Contains("redis://127.0.0.1:56379", run.Output);
        Assert.Equal(7, run.Output.Split('\n').Count(line => line.Contains("stopped")));
    }
}
