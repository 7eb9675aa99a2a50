using System.Text;

namespace CloudScale.ArchitectureTests.Rules;

/// <summary>The outcome of one rule; <see cref="ToString"/> is the message a failing build shows.</summary>
internal sealed class TestResult(string rule, string? because, int checkedTypeCount, IReadOnlyList<Violation> violations)
{
    public string Rule { get; } = rule;

    public string? Because { get; } = because;

    /// <summary>How many types the rule looked at; zero means the selection is wrong and the rule proves nothing.</summary>
    public int CheckedTypeCount { get; } = checkedTypeCount;

    public IReadOnlyList<Violation> Violations { get; } = violations;

    public bool IsSuccessful => Violations.Count == 0;

    public override string ToString()
    {
        var text = new StringBuilder()
            .AppendLine($"Rule: {Rule}")
            .AppendLine($"Because: {Because ?? "(no reason given)"}");
        if (IsSuccessful)
            return text.Append($"Holds for all {CheckedTypeCount} checked type(s).").ToString();

        text.AppendLine($"{Violations.Count} violation(s) in {CheckedTypeCount} checked type(s):");
        foreach (var violation in Violations)
            text.AppendLine($"  - {violation}");
        return text.ToString();
    }
}
