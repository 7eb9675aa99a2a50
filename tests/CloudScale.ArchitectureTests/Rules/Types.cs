using System.Reflection;

namespace CloudScale.ArchitectureTests.Rules;

/// <summary>
/// Entry point, shaped like NetArchTest: <c>Types.InAssembly(a).That()…Should()…Because("…").GetResult()</c>.
/// Assemblies are read as IL from their files, so they must be the compiled assemblies in the test output folder.
/// </summary>
internal sealed class Types
{
    private readonly RuleDefinition _rule;

    private Types(RuleDefinition rule) => _rule = rule;

    public static Types InAssembly(Assembly assembly) => InAssemblies(assembly);

    public static Types InAssemblies(params IEnumerable<Assembly> assemblies) => new(new RuleDefinition([.. assemblies]));

    public Predicates That() => new(_rule);

    public Conditions Should() => new(_rule);
}
