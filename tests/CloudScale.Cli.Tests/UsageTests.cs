namespace CloudScale.Cli.Tests;

public sealed class UsageTests
{
    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("logs")]
    [InlineData("logs", "redis", "--lines", "many")]
    public async Task Usage_errors_exit_2_with_one_error_line(params string[] args)
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line);
    }

    [Fact]
    public async Task Help_exits_0_and_lists_every_command()
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var command in new[] { "up", "down", "status", "logs", "test" })
        {
            Assert.Contains($"  {command} ", run.Output);
        }
    }

    [Fact]
    public async Task Outside_a_repository_the_error_says_how_to_point_at_one()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, () => StackLayout.Locate(null, Path.GetTempPath()));

        var exitCode = await CliApp.RunAsync(["status"], context, CancellationToken.None);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal(
            $"error: no CloudScale.Modular.sln in {Path.GetTempPath()} or any parent; run inside the repository or set CLOUDSCALE_ROOT",
            error.ToString().TrimEnd());
    }
}
