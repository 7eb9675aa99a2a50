using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

internal static partial class ModuleRules
{
    /// <summary>The other direction, legacy never referencing a module, is <see cref="BoundaryRules.LegacyReferencesNoModule"/>.</summary>
    public static TestResult ModulesReferenceNoLegacy(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .That().BelongTo([.. map.ModuleRoots])
            .Should().NotHaveDependencyOn(map.Legacy)
            .Because("the legacy monolith is being strangled and will be deleted; legacy data reaches a module only through " +
                     "CDC or an anti-corruption adapter over the legacy HTTP API, so a module compiled against legacy code " +
                     "could never outlive it")
            .GetResult();
}
