namespace CloudScale.ArchitectureTests.Rules;

/// <summary>One type breaking one rule: the dependency that offends (if the rule is about dependencies) and where it is.</summary>
internal sealed record Violation(string Type, string? Dependency, string Reason)
{
    public override string ToString() =>
        Dependency is null ? $"{Type}: {Reason}" : $"{Type} -> {Dependency}: {Reason}";
}
