using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>
/// The module rules hold on the compiled modules, host and services, apart from what architecture-baseline.txt accepts.
/// ModuleRulesFixtureTests proves each one can fail.
/// </summary>
public sealed class ModuleRulesTests
{
    private static readonly CodebaseMap Codebase = CodebaseMap.Real;

    [Fact]
    public void Module_internals_stay_inside_the_module() =>
        CodebaseAssert.Holds(nameof(ModuleRules.ModuleInternalsStayInsideTheModule), ModuleRules.ModuleInternalsStayInsideTheModule(Codebase));

    [Fact]
    public void Contracts_depend_only_on_the_bcl() =>
        CodebaseAssert.Holds(nameof(ModuleRules.ContractsDependOnlyOnTheBcl), ModuleRules.ContractsDependOnlyOnTheBcl(Codebase));

    [Fact]
    public void Modules_reference_no_legacy() =>
        CodebaseAssert.Holds(nameof(ModuleRules.ModulesReferenceNoLegacy), ModuleRules.ModulesReferenceNoLegacy(Codebase));

    [Fact]
    public void Modules_have_no_dependency_cycles() =>
        CodebaseAssert.Holds(nameof(ModuleRules.ModulesHaveNoDependencyCycles), ModuleRules.ModulesHaveNoDependencyCycles(Codebase));

    [Fact]
    public void Module_internals_are_internal() =>
        CodebaseAssert.Holds(nameof(ModuleRules.ModuleInternalsAreInternal), ModuleRules.ModuleInternalsAreInternal(Codebase));

    [Fact]
    public void Module_classes_are_sealed() =>
        CodebaseAssert.Holds(nameof(ModuleRules.ModuleClassesAreSealed), ModuleRules.ModuleClassesAreSealed(Codebase));

    [Fact]
    public void Domain_depends_on_no_infrastructure() =>
        CodebaseAssert.Holds(nameof(ModuleRules.DomainDependsOnNoInfrastructure), ModuleRules.DomainDependsOnNoInfrastructure(Codebase));

    [Fact]
    public void Module_db_contexts_map_only_their_schema() =>
        CodebaseAssert.Holds(nameof(ModuleRules.ModuleDbContextsMapOnlyTheirSchema), ModuleRules.ModuleDbContextsMapOnlyTheirSchema(Codebase));

    // The map names every module's implementation and Contracts; a typo there would make the rules above hold vacuously.
    [Fact]
    public void Every_module_of_the_map_is_read_with_its_contracts()
    {
        var read = Codebase.Assemblies.Select(assembly => assembly.GetName().Name).ToHashSet();

        Assert.All(Codebase.Modules, module =>
        {
            Assert.Contains(module.Root, read);
            Assert.Contains(module.Contracts, read);
        });
    }
}
