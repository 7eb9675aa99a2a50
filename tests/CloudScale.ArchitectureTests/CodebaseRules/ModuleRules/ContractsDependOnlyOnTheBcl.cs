using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

internal static partial class ModuleRules
{
    /// <summary>A module's Contracts use the BCL and other modules' Contracts, nothing else.</summary>
    public static TestResult ContractsDependOnlyOnTheBcl(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .That().BelongTo([.. map.Modules.Select(module => module.Contracts)])
            .Should().OnlyHaveDependenciesOn(["System", .. map.Modules.Select(module => module.Contracts)])
            .Because("every caller of a module (the host, other modules, an extracted service's clients) compiles against " +
                     "its Contracts; an EF Core, ASP.NET Core, Npgsql, Kafka, Redis or BuildingBlocks type there would drag " +
                     "that infrastructure into each of them and tie the contract to one implementation")
            .GetResult();
}
