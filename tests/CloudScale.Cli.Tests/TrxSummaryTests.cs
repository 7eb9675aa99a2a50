using CloudScale.Cli.Testing;

namespace CloudScale.Cli.Tests;

public sealed class TrxSummaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudscale-trx-").FullName;

    [Fact]
    public void Sums_the_counters_of_every_file()
    {
        var files = new[]
        {
            WriteTrx("a.trx", total: 10, passed: 8, failed: 1),
            WriteTrx("b.trx", total: 5, passed: 5, failed: 0),
        };

        var summary = TrxSummary.Sum(files);

        Assert.Equal(new TrxSummary(Total: 15, Passed: 13, Failed: 1, Skipped: 1), summary);
        Assert.Equal("tests: 13 passed, 1 failed, 1 skipped", summary.SummaryLine);
    }

    [Fact]
    public void No_files_means_no_tests_executed()
    {
        var summary = TrxSummary.Sum([]);

        Assert.Equal(0, summary.Executed);
        Assert.Equal("tests: 0 passed, 0 failed, 0 skipped", summary.SummaryLine);
    }

    [Fact]
    public void A_file_without_counters_is_a_clear_error()
    {
        var file = Path.Combine(_dir, "broken.trx");
        File.WriteAllText(file, "<TestRun />");

        var error = Assert.Throws<CliException>(() => TrxSummary.Read(file));

        Assert.Equal($"{file} has no ResultSummary/Counters element", error.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Counters as the VSTest TRX logger writes them: skipped tests count in total but not in executed or notExecuted.</summary>
    private string WriteTrx(string name, int total, int passed, int failed)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(
            path,
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Completed">
                <Counters total="{total}" executed="{passed + failed}" passed="{passed}" failed="{failed}" error="0" timeout="0"
                          aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0"
                          disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
              </ResultSummary>
            </TestRun>
            """);
        return path;
    }
}
