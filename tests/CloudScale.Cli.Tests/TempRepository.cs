namespace CloudScale.Cli.Tests;

/// <summary>An empty repository root in a temp dir: the CLI finds its solution file there and nothing else.</summary>
internal sealed class TempRepository : IDisposable
{
    public TempRepository()
    {
        Root = Directory.CreateTempSubdirectory("cloudscale-cli-tests-").FullName;
        File.WriteAllText(Path.Combine(Root, StackLayout.SolutionFileName), "");
        Layout = new StackLayout(Root);
    }

    public string Root { get; }

    public StackLayout Layout { get; }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new CliContext(output, error, () => Layout), CancellationToken.None);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
