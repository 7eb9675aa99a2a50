using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

internal static partial class ModuleRules
{
    /// <summary>A module is everything within its root, Contracts included, so a cycle through Contracts counts.</summary>
    public static TestResult ModulesHaveNoDependencyCycles(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .That().BelongTo([.. map.ModuleRoots])
            .Should().BeFreeOfCyclesBetween([.. map.ModuleRoots])
            .Because("modules in a cycle can only be built, tested, released and extracted together, which makes them one " +
                     "module; Checkout orchestrates Inventory and Payment, so dependencies must point one way")
            .GetResult();
}
