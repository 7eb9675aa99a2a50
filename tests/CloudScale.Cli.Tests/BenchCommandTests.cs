namespace CloudScale.Cli.Tests;

public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--seconds", "1", "error: --seconds must be 2..600, got 1\n")]
    [InlineData("--connections", "0", "error: --connections must be 1..512, got 0\n")]
    public async Task Out_of_range_settings_are_one_line_usage_errors_that_start_nothing(string option, string value, string expected)
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync("bench", "proxy", option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(expected, run.Error);
        Assert.False(Directory.Exists(repository.Layout.RunDir));
    }
}
