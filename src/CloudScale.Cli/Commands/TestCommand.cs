using System.CommandLine;
using CloudScale.Cli.Testing;

namespace CloudScale.Cli.Commands;

internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var dotnetTestArguments = new Argument<string[]>("dotnet-test-args")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Extra arguments for dotnet test, after --, e.g. -- --filter Category=Contract",
        };
        var command = new Command("test", "Run every test of the solution against real postgres and redis (started if needed)")
        {
            dotnetTestArguments,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(context, parseResult.GetValue(dotnetTestArguments) ?? [], cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> extraArguments, CancellationToken cancellationToken)
    {
        var layout = context.Layout;
        var stack = context.Stack;
        var supervisor = context.CreateSupervisor();
        int exitCode;
        try
        {
            await supervisor.UpAsync([stack.Postgres, stack.Redis], cancellationToken);
            if (Directory.Exists(layout.TestResultsDir))
            {
                Directory.Delete(layout.TestResultsDir, recursive: true);
            }

            var environment = new Dictionary<string, string>
            {
                ["CLOUDSCALE_TEST_POSTGRES"] = stack.Postgres.ConnectionString("postgres", includePassword: true),
                ["CLOUDSCALE_TEST_REDIS"] = stack.Redis.Endpoint,
                ["CLOUDSCALE_ROOT"] = layout.RepoRoot,
            };
            exitCode = await context.Processes.RunAttachedAsync(
                "dotnet",
                [
                    "test", layout.SolutionFile, "-c", "Release",
                    // A prefix, not LogFileName: with one fixed name every test project would overwrite the previous one's file.
                    "--logger", "trx;LogFilePrefix=cloudscale",
                    "--results-directory", layout.TestResultsDir,
                    .. extraArguments,
                ],
                layout.RepoRoot,
                cancellationToken,
                environment);
        }
        finally
        {
            await supervisor.StopStartedAsync();
        }

        var summary = Directory.Exists(layout.TestResultsDir)
            ? TrxSummary.Sum(Directory.EnumerateFiles(layout.TestResultsDir, "*.trx", SearchOption.AllDirectories))
            : TrxSummary.Empty;
        context.Output.WriteLine(summary.SummaryLine);
        if (summary.Failed > 0)
        {
            throw new CliException($"{summary.Failed} test(s) failed; TRX files are in {layout.Display(layout.TestResultsDir)}");
        }

        if (exitCode != 0)
        {
            throw new CliException($"dotnet test exited with code {exitCode}");
        }

        return summary.Executed > 0
            ? ExitCodes.Ok
            : throw new CliException("no tests ran; the dotnet test output above says why");
    }
}
