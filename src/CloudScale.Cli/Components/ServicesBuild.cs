using System.Text.RegularExpressions;
using CloudScale.Cli.Processes;
using Spectre.Console;

namespace CloudScale.Cli.Components;

/// <summary>
/// Builds every service project with one <c>dotnet build services.slnf</c>, once per CLI run however many
/// services start: one build compiles shared projects once and lets MSBuild use both cores.
/// </summary>
internal sealed partial class ServicesBuild(StackLayout layout, ProcessRunner processes, IAnsiConsole console)
{
    private const int ErrorLinesShown = 20;

    private Task? _build;

    public Task EnsureBuiltAsync(CancellationToken cancellationToken) => _build ??= BuildAsync(cancellationToken);

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        var filter = layout.Display(layout.ServicesSolutionFilter);
        console.MarkupLineInterpolated($"[grey]building {filter} (Release)[/]");
        var build = await processes.RunAsync(
            "dotnet", ["build", layout.ServicesSolutionFilter, "-c", "Release", "-nologo", "-v", "q"], layout.RepoRoot, cancellationToken);
        if (!build.Succeeded)
        {
            var errors = build.Lines.Where(line => ErrorLine().IsMatch(line)).Distinct().Take(ErrorLinesShown);
            throw new CliException(
                $"building {filter} failed (dotnet build exited with {build.ExitCode}); 'dotnet build {filter} -c Release' shows every message",
                details: [.. errors]);
        }
    }

    /// <summary>MSBuild's canonical error format: "error CS0103:", "error MSB5010:", "error NU1101:".</summary>
    [GeneratedRegex(@"\berror [A-Z]{2,}\d+:")]
    private static partial Regex ErrorLine();
}
