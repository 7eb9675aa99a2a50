namespace CloudScale.Cli.Tests;

public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--seconds", "1", "error: --seconds must be 2..600, got 1\n")]
    [InlineData("--connections", "0", "error: --connections must be 1..512, got 0\n")]
    [InlineData("--events", "5", "error: --events must be 100..100000, got 5\n", "outbox")]
    public async Task Out_of_range_settings_are_one_line_usage_errors_that_start_nothing(string option, string value, string expected, string target = "proxy")
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync("bench", target, option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(expected, run.Error);
        Assert.False(Directory.Exists(repository.Layout.RunDir));
    }
}
