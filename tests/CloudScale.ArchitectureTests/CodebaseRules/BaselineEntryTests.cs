namespace CloudScale.ArchitectureTests.CodebaseRules;

public sealed class BaselineEntryTests
{
    // An entry for a rule nobody checks (a typo, a renamed rule) would never go stale, so it could never be removed.
    [Fact]
    public void Every_baseline_entry_names_a_rule()
    {
        var unknown = CodebaseAssert.Accepted.Entries
            .Where(entry => !CodebaseAssert.RuleNames.Contains(entry.Rule))
            .Select(entry => $"line {entry.LineNumber}: '{entry.Rule}'")
            .ToList();

        Assert.True(unknown.Count == 0,
            $"architecture-baseline.txt names rules that do not exist ({string.Join(", ", unknown)}); rules are {string.Join(", ", CodebaseAssert.RuleNames.Order())}");
    }
}
