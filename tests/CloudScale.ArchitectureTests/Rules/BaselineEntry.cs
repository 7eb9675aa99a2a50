namespace CloudScale.ArchitectureTests.Rules;

/// <summary>One accepted violation: a line of the baseline file, remembered by its line number so a stale one can be pointed at.</summary>
internal sealed record BaselineEntry(int LineNumber, string Rule, string Type, string? Dependency)
{
    /// <summary>
    /// "&lt;rule&gt; | &lt;type&gt; -&gt; &lt;dependency&gt;", or "&lt;rule&gt; | &lt;type&gt;" for a rule about the type's
    /// shape (BeInternal, BeSealed) rather than its dependencies. Null when the line has neither form.
    /// </summary>
    public static BaselineEntry? TryParse(string line, int lineNumber)
    {
        var ruleAndViolation = line.Split('|', StringSplitOptions.TrimEntries);
        if (ruleAndViolation is not [var rule, var violation] || rule.Length == 0)
            return null;

        var typeAndDependency = violation.Split("->", StringSplitOptions.TrimEntries);
        return typeAndDependency switch
        {
            [var type] when type.Length > 0 => new BaselineEntry(lineNumber, rule, type, null),
            [var type, var dependency] when type.Length > 0 && dependency.Length > 0 => new BaselineEntry(lineNumber, rule, type, dependency),
            _ => null,
        };
    }

    public bool Accepts(Violation violation) => violation.Type == Type && violation.Dependency == Dependency;

    /// <summary>True when both lines accept the same violation of the same rule.</summary>
    public bool SameAs(BaselineEntry other) => other.Rule == Rule && other.Type == Type && other.Dependency == Dependency;

    /// <summary>The line as it is written in the file.</summary>
    public override string ToString() =>
        Dependency is null ? $"{Rule} | {Type}" : $"{Rule} | {Type} -> {Dependency}";
}
