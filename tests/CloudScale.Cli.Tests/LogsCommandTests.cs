namespace CloudScale.Cli.Tests;

public sealed class LogsCommandTests
{
    [Fact]
    public async Task Unknown_component_exits_2_and_names_the_known_ones_in_one_line()
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync("logs", "x");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: unknown component 'x'; known: postgres, redis, kafka, registry, legacy, host, proxy\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Missing_log_exits_1_and_names_the_file()
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync("logs", "redis");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(
            "error: redis has no log yet: .cloudscale/logs/redis.log does not exist; './cloudscale up' creates it\n", run.Error);
    }

    [Fact]
    public async Task Prints_the_last_lines_requested()
    {
        using var repository = new TempRepository();
        repository.Layout.EnsureCreated();
        await File.WriteAllTextAsync(repository.Layout.LogFile("postgres"), "one\ntwo\nthree\nfour\n");

        var run = await repository.RunAsync("logs", "postgres", "-n", "2");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("three\nfour\n", run.Output);
    }

    [Fact]
    public async Task Negative_line_count_is_a_usage_error()
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync("logs", "postgres", "--lines", "-3");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: --lines must be 0 or more, got -3\n", run.Error);
    }
}
