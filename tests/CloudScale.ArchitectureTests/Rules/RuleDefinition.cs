using System.Reflection;
using Mono.Cecil;

namespace CloudScale.ArchitectureTests.Rules;

/// <summary>
/// What the fluent calls have said so far. Nothing is read until <see cref="Evaluate"/>, so a rule is cheap
/// to build and its description is complete before it runs.
/// </summary>
internal sealed class RuleDefinition(IReadOnlyList<Assembly> assemblies)
{
    private readonly List<(string Text, Func<TypeDefinition, bool> Matches)> _predicates = [];
    private readonly List<(string Text, Func<IReadOnlyList<SelectedType>, IEnumerable<Violation>> Check)> _conditions = [];

    public string? Because { get; set; }

    public void AddPredicate(string text, Func<TypeDefinition, bool> matches) => _predicates.Add((text, matches));

    /// <summary>A condition each selected type must meet on its own.</summary>
    public void AddCondition(string text, Func<TypeDefinition, IReadOnlyList<TypeDependency>, IEnumerable<Violation>> check) =>
        AddSelectionCondition(text, selection => selection.SelectMany(selected => check(selected.Type, selected.Dependencies)));

    /// <summary>A condition on the selection as a whole (e.g. no dependency cycles between its parts).</summary>
    public void AddSelectionCondition(string text, Func<IReadOnlyList<SelectedType>, IEnumerable<Violation>> check) =>
        _conditions.Add((text, check));

    public string Describe()
    {
        var source = string.Join(", ", assemblies.Select(a => a.GetName().Name));
        var selection = _predicates.Count == 0 ? "" : " that " + string.Join(" and ", _predicates.Select(p => p.Text));
        var conditions = _conditions.Count == 0 ? "" : " should " + string.Join(" and ", _conditions.Select(c => c.Text));
        return $"Types in {source}{selection}{conditions}";
    }

    public IReadOnlyList<string> SelectTypeNames()
    {
        lock (AssemblyLoader.Gate)
            return [.. SelectTypes().Select(TypeFacts.DisplayName)];
    }

    public TestResult Evaluate()
    {
        if (_conditions.Count == 0)
            throw new InvalidOperationException($"rule '{Describe()}' has no condition; call Should() and at least one condition");

        lock (AssemblyLoader.Gate)
        {
            var selection = SelectTypes().Select(type => new SelectedType(type, DependencyReader.Read(type))).ToList();
            var violations = _conditions.SelectMany(condition => condition.Check(selection)).ToList();
            return new TestResult(Describe(), Because, selection.Count, violations);
        }
    }

    private List<TypeDefinition> SelectTypes() =>
        assemblies
            .Select(AssemblyLoader.Load)
            .SelectMany(TypeFacts.WrittenTypes)
            .Where(type => _predicates.All(p => p.Matches(type)))
            .ToList();
}
