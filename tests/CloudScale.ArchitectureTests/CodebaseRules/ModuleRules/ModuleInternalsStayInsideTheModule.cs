using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

internal static partial class ModuleRules
{
    /// <summary>
    /// Only the module itself (with its tests and extracted service) uses its internals; everyone else — other modules,
    /// the host, the proxy, legacy — uses its Contracts. The host alone may also call the registration entry point.
    /// </summary>
    public static TestResult ModuleInternalsStayInsideTheModule(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .Should().NotHaveDependencyThat(
                "reaches into another module's internals (anything but its Contracts; the host may also call <M>Module)",
                (type, dependency) => map.Modules.Any(module =>
                    module.IsInternal(dependency)
                    && !module.Owns(type)
                    && !(TypeFacts.BelongsTo(type, map.Host) && dependency.IsOn(module.EntryPoint))))
            .Because("a module's Contracts are its only promise; its internals change with every refactoring, and a module " +
                     "can be extracted to its own service only if nobody outside it compiles against them")
            .GetResult();
}
