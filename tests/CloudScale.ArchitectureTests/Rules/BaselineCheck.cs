using System.Text;

namespace CloudScale.ArchitectureTests.Rules;

/// <summary>A rule's result judged against the baseline; <see cref="ToString"/> is the message a failing build shows.</summary>
internal sealed class BaselineCheck(
    string ruleName, TestResult result, string source, IReadOnlyList<Violation> newViolations, IReadOnlyList<BaselineEntry> staleEntries)
{
    /// <summary>Violations the baseline does not accept: each must be fixed.</summary>
    public IReadOnlyList<Violation> NewViolations { get; } = newViolations;

    /// <summary>Accepted violations that no longer happen: each line must be removed from the baseline.</summary>
    public IReadOnlyList<BaselineEntry> StaleEntries { get; } = staleEntries;

    public bool IsClean => NewViolations.Count == 0 && StaleEntries.Count == 0;

    public override string ToString()
    {
        var text = new StringBuilder()
            .AppendLine($"Rule {ruleName}: {result.Rule}")
            .AppendLine($"Because: {result.Because ?? "(no reason given)"}");
        if (IsClean)
            return text.Append($"Holds for all {result.CheckedTypeCount} checked type(s), apart from {result.Violations.Count} accepted in {source}.").ToString();

        if (NewViolations.Count > 0)
        {
            text.AppendLine($"{NewViolations.Count} new violation(s), not in {source}; fix them (the baseline only shrinks):");
            foreach (var violation in NewViolations)
                text.AppendLine($"  - {violation}");
        }
        if (StaleEntries.Count > 0)
        {
            text.AppendLine($"{StaleEntries.Count} stale entry(ies) in {source}:");
            foreach (var entry in StaleEntries)
                text.AppendLine($"  - remove line {entry.LineNumber} from {source}, it is fixed: {entry}");
        }
        return text.ToString();
    }
}
