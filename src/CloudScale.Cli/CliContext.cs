using CloudScale.Cli.Components;
using CloudScale.Cli.Processes;
using Spectre.Console;

namespace CloudScale.Cli;

/// <summary>
/// What every command works with. The stack is located lazily so that <c>--help</c> and usage errors work
/// outside the repository.
/// </summary>
internal sealed class CliContext
{
    private readonly Lazy<StackLayout> _layout;
    private readonly Lazy<DevStack> _stack;

    public CliContext(TextWriter output, TextWriter error, Func<StackLayout> locateLayout)
    {
        Output = output;
        Error = error;
        Console = CreateConsole(output);
        ErrorConsole = CreateConsole(error);
        _layout = new Lazy<StackLayout>(locateLayout);
        // Build progress is diagnostics: on stderr, so stdout stays clean for --json output.
        _stack = new Lazy<DevStack>(() => new DevStack(Layout, Processes, ErrorConsole));
    }

    /// <summary>Machine-readable output (JSON, the test summary line).</summary>
    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Output for people: progress lines and tables, on the same stream as <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Output for people when stdout is reserved for machine-readable output.</summary>
    public IAnsiConsole ErrorConsole { get; }

    public ProcessRunner Processes { get; } = new();

    public StackLayout Layout => _layout.Value;

    public DevStack Stack => _stack.Value;

    /// <summary>A supervisor reporting progress to <paramref name="console"/> (default: <see cref="Console"/>).</summary>
    public StackSupervisor CreateSupervisor(IAnsiConsole? console = null) => new(Layout, console ?? Console);

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        var target = new AnsiConsoleOutput(output);
        if (target.IsTerminal)
        {
            return AnsiConsole.Create(new AnsiConsoleSettings { Out = target });
        }

        // Piped or captured: no escape codes, and no wrapping at Spectre's assumed 80 columns.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = target,
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        return console;
    }
}
