using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>How the fixture tests judge a rule's result: exactly the planted violations, said readably.</summary>
internal static class RuleAssert
{
    /// <summary>A null dependency stands for a violation of a type's shape (internal, sealed) or of a module as a whole.</summary>
    public static void ReportsExactly(TestResult result, params (string Type, string? Dependency)[] expected)
    {
        Assert.False(result.IsSuccessful, result.ToString());
        var actual = result.Violations.Select(v => (v.Type, v.Dependency)).Order().ToList();
        Assert.Equal(expected.Order().ToList(), actual);
    }

    /// <summary>The message names the rule, says why it exists, and names the offending type and what it depends on.</summary>
    public static void ReadsWell(TestResult result, string reasonFragment, string type, string? dependency = null)
    {
        var message = result.ToString();
        Assert.Contains($"Rule: {result.Rule}", message, StringComparison.Ordinal);
        Assert.Contains($"Because: ", message, StringComparison.Ordinal);
        Assert.Contains(reasonFragment, message, StringComparison.Ordinal);
        Assert.Contains(dependency is null ? $"  - {type}: " : $"  - {type} -> {dependency}: ", message, StringComparison.Ordinal);
    }
}
