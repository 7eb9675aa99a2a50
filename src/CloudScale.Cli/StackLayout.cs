namespace CloudScale.Cli;

/// <summary>Where the dev stack keeps its state: <c>.cloudscale/</c> at the repository root (docs/dev-stack.md).</summary>
internal sealed class StackLayout
{
    public const string SolutionFileName = "CloudScale.Modular.sln";

    public StackLayout(string repoRoot)
    {
        RepoRoot = Path.GetFullPath(repoRoot);
        StateDir = Path.Combine(RepoRoot, ".cloudscale");
    }

    public string RepoRoot { get; }

    public string StateDir { get; }

    public string SolutionFile => Path.Combine(RepoRoot, SolutionFileName);

    /// <summary>The projects `up` runs, built in one `dotnet build` so shared projects compile once.</summary>
    public string ServicesSolutionFilter => Path.Combine(RepoRoot, "services.slnf");

    public string LogsDir => Path.Combine(StateDir, "logs");

    public string RunDir => Path.Combine(StateDir, "run");

    public string SecretsDir => Path.Combine(StateDir, "secrets");

    public string PostgresDir => Path.Combine(StateDir, "postgres");

    public string PostgresDataDir => Path.Combine(PostgresDir, "data");

    /// <summary>Next to the data dir rather than in <see cref="RunDir"/>: the postgres OS user must be able to create sockets here.</summary>
    public string PostgresSocketDir => Path.Combine(PostgresDir, "run");

    public string PostgresPasswordFile => Path.Combine(SecretsDir, "postgres-password");

    public string RedisDir => Path.Combine(StateDir, "redis");

    public string TestResultsDir => Path.Combine(StateDir, "test-results");

    public string LogFile(string component) => Path.Combine(LogsDir, component + ".log");

    public string PidFile(string component) => Path.Combine(RunDir, component + ".pid");

    /// <summary>A path as people see it in messages: relative to the repository root.</summary>
    public string Display(string path) => Path.GetRelativePath(RepoRoot, path);

    public void EnsureCreated()
    {
        try
        {
            Directory.CreateDirectory(LogsDir);
            Directory.CreateDirectory(RunDir);
            Directory.CreateDirectory(SecretsDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var probe = Path.Combine(RunDir, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (UnauthorizedAccessException)
        {
            // Typically a first run with sudo: everything in it now belongs to root.
            throw new CliException(
                $"{Display(StateDir)} belongs to another user (was ./cloudscale run with sudo before?); run it as that user, or remove {Display(StateDir)} to start afresh");
        }
    }

    /// <summary>
    /// <paramref name="configuredRoot"/> (CLOUDSCALE_ROOT, set by the launcher) wins; otherwise the nearest
    /// directory at or above <paramref name="workingDirectory"/> that holds the solution.
    /// </summary>
    public static StackLayout Locate(string? configuredRoot, string workingDirectory)
    {
        if (!string.IsNullOrEmpty(configuredRoot))
        {
            return File.Exists(Path.Combine(configuredRoot, SolutionFileName))
                ? new StackLayout(configuredRoot)
                : throw new CliException(
                    $"CLOUDSCALE_ROOT={configuredRoot} does not contain {SolutionFileName}; point it at the repository root or unset it");
        }

        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return new StackLayout(dir.FullName);
            }
        }

        throw new CliException(
            $"no {SolutionFileName} in {workingDirectory} or any parent; run inside the repository or set CLOUDSCALE_ROOT");
    }
}
