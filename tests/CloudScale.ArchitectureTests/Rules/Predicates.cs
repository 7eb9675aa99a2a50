namespace CloudScale.ArchitectureTests.Rules;

/// <summary>Narrows the types a rule applies to. Predicates combine with AND.</summary>
internal sealed class Predicates
{
    private readonly RuleDefinition _rule;

    internal Predicates(RuleDefinition rule) => _rule = rule;

    /// <summary>The namespace or below it, by whole segment.</summary>
    public Predicates ResideInNamespace(string @namespace) =>
        Add($"reside in namespace '{@namespace}'", type => NamespaceName.IsWithin(TypeFacts.NamespaceOf(type), @namespace));

    /// <summary>
    /// Types whose namespace, full name or assembly lies within one of the names (<see cref="TypeFacts.BelongsTo"/>),
    /// so one rule definition runs against compiled services (named by assembly) and fixture look-alikes (by namespace).
    /// </summary>
    public Predicates BelongTo(params string[] names) =>
        Add($"belong to {Quote(names)}", type => names.Any(name => TypeFacts.BelongsTo(type, name)));

    public Predicates DoNotBelongTo(params string[] names) =>
        Add($"do not belong to {Quote(names)}", type => !names.Any(name => TypeFacts.BelongsTo(type, name)));

    /// <summary>Leaves out exactly these types (by full name), not their nested types.</summary>
    public Predicates AreNot(params string[] fullNames) =>
        Add($"are not {Quote(fullNames)}", type => !fullNames.Contains(TypeFacts.DisplayName(type)));

    public Predicates AreClasses() =>
        Add("are classes", type => type.IsClass && !type.IsValueType && !type.IsInterface);

    /// <summary>Static classes are abstract in IL, so they are left out too.</summary>
    public Predicates AreNotAbstract() => Add("are not abstract", type => !type.IsAbstract);

    /// <summary>By the attribute's simple name, so a convention attribute can be declared in any assembly that needs it.</summary>
    public Predicates DoNotHaveAttributeNamed(string attributeName) =>
        Add($"do not carry [{attributeName}]", type => !type.CustomAttributes.Any(a => a.AttributeType.Name == attributeName));

    public Predicates ArePublic() => Add("are public", TypeFacts.IsVisibleOutsideAssembly);

    public Predicates HaveNameEndingWith(string suffix) =>
        Add($"have a name ending with '{suffix}'", type => type.Name.EndsWith(suffix, StringComparison.Ordinal));

    /// <summary>Anywhere up the base-type chain; a generic base matches by its definition (typeof(Base&lt;&gt;)).</summary>
    public Predicates Inherit(Type baseType)
    {
        var name = TypeFacts.CecilName(baseType);
        return Add($"inherit '{baseType.FullName}'", type => TypeFacts.Inherits(type, name));
    }

    /// <summary>Directly, through a base type or through an interface that extends it.</summary>
    public Predicates ImplementInterface(Type interfaceType)
    {
        var name = TypeFacts.CecilName(interfaceType);
        return Add($"implement '{interfaceType.FullName}'", type => TypeFacts.Implements(type, name));
    }

    public Predicates And() => this;

    public Conditions Should() => new(_rule);

    /// <summary>The selected types' full names; for checking that a selection selects what it means to.</summary>
    public IReadOnlyList<string> GetTypeNames() => _rule.SelectTypeNames();

    internal static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private Predicates Add(string text, Func<Mono.Cecil.TypeDefinition, bool> matches)
    {
        _rule.AddPredicate(text, matches);
        return this;
    }
}
