using System.Reflection;
using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>How the codebase tests judge a rule's result: against architecture-baseline.txt, and never vacuously.</summary>
internal static class CodebaseAssert
{
    public static readonly Baseline Accepted = Baseline.Load(Path.Combine(AppContext.BaseDirectory, Baseline.FileName));

    /// <summary>Every rule a baseline entry may name: the public methods of <see cref="BoundaryRules"/> and <see cref="ModuleRules"/>.</summary>
    public static IReadOnlySet<string> RuleNames { get; } =
        new[] { typeof(BoundaryRules), typeof(ModuleRules) }
            .SelectMany(rules => rules.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(method => method.ReturnType == typeof(TestResult))
            .Select(method => method.Name)
            .ToHashSet();

    // A rule that selects nothing passes vacuously; insist it looked at something.
    public static void Holds(string ruleName, TestResult result)
    {
        Assert.True(result.CheckedTypeCount > 0, $"Rule {ruleName} selected no types, so it proves nothing:{Environment.NewLine}{result}");
        var check = Accepted.Check(ruleName, result);
        Assert.True(check.IsClean, check.ToString());
    }
}
