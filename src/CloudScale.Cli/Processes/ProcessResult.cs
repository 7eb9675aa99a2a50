namespace CloudScale.Cli.Processes;

/// <summary>A finished process: its exit code and its stdout followed by its stderr.</summary>
internal sealed record ProcessResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string LastLine => Lines.Count > 0 ? Lines[^1] : $"no output, exit code {ExitCode}";
}
