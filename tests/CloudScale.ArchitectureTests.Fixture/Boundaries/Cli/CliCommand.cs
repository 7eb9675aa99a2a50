namespace Fixture.Cli;

public sealed class CliCommand
{
    public string Name { get; } = "verify";
}
