namespace CloudScale.Cli;

/// <summary>
/// A failure the user can act on. The CLI prints its details, then one <c>error:</c> line, and exits with
/// <see cref="ExitCode"/>; never a stack trace.
/// </summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Failure, IReadOnlyList<string>? details = null)
    : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Context shown before the error line, such as the last lines of a component's log.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
