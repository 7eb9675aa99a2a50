using System.Xml;
using System.Xml.Linq;

namespace CloudScale.Cli.Testing;

/// <summary>
/// The counters of one or more VSTest TRX files (ResultSummary/Counters). Skipped is total minus executed:
/// the TRX logger leaves its notExecuted counter at 0 for skipped xunit tests, which it does count in total.
/// </summary>
internal sealed record TrxSummary(int Total, int Passed, int Failed, int Skipped)
{
    public static readonly TrxSummary Empty = new(0, 0, 0, 0);

    public int Executed => Passed + Failed;

    /// <summary>The last line `test` prints; CI parses it.</summary>
    public string SummaryLine => $"tests: {Passed} passed, {Failed} failed, {Skipped} skipped";

    public static TrxSummary Sum(IEnumerable<string> trxFiles) => trxFiles.Select(Read).Aggregate(Empty, (sum, next) => sum + next);

    public static TrxSummary Read(string trxFile)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(trxFile);
        }
        catch (XmlException e)
        {
            throw new CliException($"{trxFile} is not a readable TRX file: {e.Message}");
        }

        var counters = document.Descendants()
                           .FirstOrDefault(e => e.Name.LocalName == "Counters" && e.Parent?.Name.LocalName == "ResultSummary")
                       ?? throw new CliException($"{trxFile} has no ResultSummary/Counters element");
        var total = Count(counters, "total");
        return new TrxSummary(total, Count(counters, "passed"), Count(counters, "failed"), total - Count(counters, "executed"));
    }

    public static TrxSummary operator +(TrxSummary left, TrxSummary right) =>
        new(left.Total + right.Total, left.Passed + right.Passed, left.Failed + right.Failed, left.Skipped + right.Skipped);

    private static int Count(XElement counters, string attribute) =>
        int.TryParse(counters.Attribute(attribute)?.Value, out var count) ? count : 0;
}
