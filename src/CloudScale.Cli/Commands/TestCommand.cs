using System.CommandLine;
using CloudScale.Cli.Components;
using CloudScale.Cli.Processes;
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
        var command = new Command("test", "Run every test of the solution against real postgres, redis and kafka (started if needed)")
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
        await InstallNpmTestToolsAsync(context, cancellationToken);
        int exitCode;
        try
        {
            await supervisor.UpAsync([stack.Postgres, stack.Redis, stack.Kafka], cancellationToken);
            if (Directory.Exists(layout.TestResultsDir))
            {
                Directory.Delete(layout.TestResultsDir, recursive: true);
            }

            var environment = new Dictionary<string, string>
            {
                ["CLOUDSCALE_TEST_POSTGRES"] = stack.Postgres.ConnectionString("postgres", includePassword: true),
                ["CLOUDSCALE_TEST_REDIS"] = stack.Redis.Endpoint,
                ["CLOUDSCALE_TEST_KAFKA"] = DevStack.KafkaBootstrapServers,
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

    /// <summary>
    /// Folders under tests/ with a package.json hold npm-installed test tools (e.g. the avsc Avro oracle).
    /// node_modules is not committed, so `npm ci` runs where it is missing or older than package-lock.json.
    /// </summary>
    internal static async Task InstallNpmTestToolsAsync(CliContext context, CancellationToken cancellationToken)
    {
        var layout = context.Layout;
        foreach (var folder in FindNpmFolders(Path.Combine(layout.RepoRoot, "tests")).Where(NeedsInstall))
        {
            if (!Executables.IsOnPath("node") || !Executables.IsOnPath("npm"))
            {
                throw new CliException($"node and npm are needed to install the test tools in {layout.Display(folder)}; install Node.js 20 or later");
            }

            var result = await context.Processes.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, cancellationToken);
            if (!result.Succeeded)
            {
                context.Error.WriteLine(result.Output);
                throw new CliException($"npm ci failed in {layout.Display(folder)} (exit code {result.ExitCode}); its output is above");
            }
        }
    }

    private static IEnumerable<string> FindNpmFolders(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        // A package owns its subtree (local dependencies, node_modules): one npm ci covers it.
        if (File.Exists(Path.Combine(folder, "package.json")))
        {
            yield return folder;
            yield break;
        }

        var subfolders = Directory.EnumerateDirectories(folder)
            .Where(d => Path.GetFileName(d) is not ("node_modules" or "bin" or "obj" or "TestResults"))
            .Order(StringComparer.Ordinal);
        foreach (var npmFolder in subfolders.SelectMany(FindNpmFolders))
        {
            yield return npmFolder;
        }
    }

    private static bool NeedsInstall(string folder)
    {
        var modules = Path.Combine(folder, "node_modules");
        var lockFile = Path.Combine(folder, "package-lock.json");
        return !Directory.Exists(modules)
            || (File.Exists(lockFile) && Directory.GetLastWriteTimeUtc(modules) < File.GetLastWriteTimeUtc(lockFile));
    }
}
