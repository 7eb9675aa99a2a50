namespace CloudScale.ArchitectureTests.Rules;

/// <summary>
/// Violations accepted when a rule was introduced (packwerk's idea). A rule checked against the baseline fails
/// on any violation not listed (new) and on any listed one that no longer happens (stale), so the list can only
/// shrink: a fix has to be struck off in the same change that makes it.
/// One accepted violation a line, as "&lt;rule name&gt; | &lt;type full name&gt; -&gt; &lt;dependency&gt;"
/// (or "&lt;rule name&gt; | &lt;type full name&gt;" for a rule about a type's shape); blank lines and lines
/// starting with '#' are ignored.
/// </summary>
internal sealed class Baseline
{
    public const string FileName = "architecture-baseline.txt";

    private Baseline(string source, IReadOnlyList<BaselineEntry> entries)
    {
        Source = source;
        Entries = entries;
    }

    /// <summary>The file name messages point the reader at.</summary>
    public string Source { get; }

    public IReadOnlyList<BaselineEntry> Entries { get; }

    public static Baseline Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <exception cref="FormatException">A line is neither blank, a comment nor an entry, or repeats an earlier entry.</exception>
    public static Baseline Parse(string text, string source = FileName)
    {
        var entries = new List<BaselineEntry>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            var lineNumber = index + 1;
            if (line.Length == 0 || line.StartsWith('#'))
                continue;

            var entry = BaselineEntry.TryParse(line, lineNumber)
                ?? throw new FormatException(
                    $"{source} line {lineNumber}: expected '<rule name> | <type full name> -> <dependency>' " +
                    $"or '<rule name> | <type full name>', got '{line}'");
            var earlier = entries.Find(entry.SameAs);
            if (earlier is not null)
                throw new FormatException($"{source} line {lineNumber}: repeats line {earlier.LineNumber} ('{line}'); list each accepted violation once");
            entries.Add(entry);
        }
        return new Baseline(source, entries);
    }

    /// <summary>Compares what <paramref name="result"/> reports with what this baseline accepts for <paramref name="ruleName"/>.</summary>
    public BaselineCheck Check(string ruleName, TestResult result)
    {
        var accepted = Entries.Where(entry => entry.Rule == ruleName).ToList();
        var unaccepted = result.Violations.Where(violation => !accepted.Any(entry => entry.Accepts(violation))).ToList();
        var stale = accepted.Where(entry => !result.Violations.Any(entry.Accepts)).ToList();
        return new BaselineCheck(ruleName, result, Source, unaccepted, stale);
    }
}
