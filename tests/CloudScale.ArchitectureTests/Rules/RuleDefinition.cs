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
    private readonly List<(string Text, Func<TypeDefinition, IReadOnlyList<TypeDependency>, IEnumerable<Violation>> Check)> _conditions = [];

    public string? Because { get; set; }

    public void AddPredicate(string text, Func<TypeDefinition, bool> matches) => _predicates.Add((text, matches));

    public void AddCondition(string text, Func<TypeDefinition, IReadOnlyList<TypeDependency>, IEnumerable<Violation>> check) =>
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
            var types = SelectTypes();
            var violations = types
                .SelectMany(type =>
                {
                    var dependencies = DependencyReader.Read(type);
                    return _conditions.SelectMany(condition => condition.Check(type, dependencies));
                })
                .ToList();
            return new TestResult(Describe(), Because, types.Count, violations);
        }
    }

    private List<TypeDefinition> SelectTypes() =>
        assemblies
            .Select(AssemblyLoader.Load)
            .SelectMany(TypeFacts.WrittenTypes)
            .Where(type => _predicates.All(p => p.Matches(type)))
            .ToList();
}
