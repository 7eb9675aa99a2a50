using Mono.Cecil;

namespace CloudScale.ArchitectureTests.Rules;

/// <summary>What every selected type must satisfy. Conditions combine with AND.</summary>
internal sealed class Conditions
{
    private readonly RuleDefinition _rule;

    internal Conditions(RuleDefinition rule) => _rule = rule;

    /// <summary>No dependency whose namespace, full type name or assembly lies within <paramref name="name"/> (by segment).</summary>
    public Conditions NotHaveDependencyOn(string name) => NotHaveDependencyOnAny(name);

    public Conditions NotHaveDependencyOnAny(params string[] names) =>
        Add($"not have a dependency on any of {Predicates.Quote(names)}", (type, dependencies) =>
            dependencies
                .Where(dependency => names.Any(dependency.IsOn))
                .Select(dependency => Offends(type, dependency)));

    /// <summary>
    /// For boundaries that depend on who is looking (a module may use its own internals, nobody else may):
    /// <paramref name="offends"/> decides for the type and one of its dependencies; <paramref name="text"/> says what it forbids.
    /// </summary>
    public Conditions NotHaveDependencyThat(string text, Func<TypeDefinition, TypeDependency, bool> offends) =>
        Add($"not have a dependency that {text}", (type, dependencies) =>
            dependencies
                .Where(dependency => offends(type, dependency))
                .Select(dependency => Offends(type, dependency)));

    /// <summary>
    /// Every dependency lies within one of <paramref name="names"/>. Nothing is allowed implicitly, not even
    /// the BCL: list "System" yourself (the compiler alone makes every type depend on System.Object and
    /// System.Runtime.CompilerServices attributes), so that "Microsoft.EntityFrameworkCore" is never let in by accident.
    /// </summary>
    public Conditions OnlyHaveDependenciesOn(params string[] names) =>
        Add($"only have dependencies on {Predicates.Quote(names)}", (type, dependencies) =>
            dependencies
                .Where(dependency => !names.Any(dependency.IsOn))
                .Select(dependency => Offends(type, dependency)));

    /// <summary>Not visible outside its assembly (a nested type counts as visible only if its declaring type is too).</summary>
    public Conditions BeInternal() =>
        Add("be internal", (type, _) => TypeFacts.IsVisibleOutsideAssembly(type)
            ? [new Violation(TypeFacts.DisplayName(type), null, "is visible outside its assembly")]
            : []);

    public Conditions BeSealed() =>
        Add("be sealed", (type, _) => type.IsSealed
            ? []
            : [new Violation(TypeFacts.DisplayName(type), null, "is not sealed")]);

    /// <summary>
    /// No cycle between the named parts of the selection, however long; see <see cref="SliceCycles"/>.
    /// Every use that lies on a cycle is reported, naming the cycle, so each is a place the cycle can be cut.
    /// </summary>
    public Conditions BeFreeOfCyclesBetween(params string[] slices)
    {
        _rule.AddSelectionCondition($"be free of dependency cycles between {Predicates.Quote(slices)}", selection => SliceCycles.Find(selection, slices));
        return this;
    }

    public Conditions And() => this;

    /// <summary>Why the rule exists; printed with every failure so the reader knows what the boundary protects.</summary>
    public Conditions Because(string reason)
    {
        _rule.Because = reason;
        return this;
    }

    public TestResult GetResult() => _rule.Evaluate();

    private static Violation Offends(TypeDefinition type, TypeDependency dependency) =>
        new(TypeFacts.DisplayName(type), dependency.FullName, dependency.Via);

    private Conditions Add(string text, Func<TypeDefinition, IReadOnlyList<TypeDependency>, IEnumerable<Violation>> check)
    {
        _rule.AddCondition(text, check);
        return this;
    }
}
