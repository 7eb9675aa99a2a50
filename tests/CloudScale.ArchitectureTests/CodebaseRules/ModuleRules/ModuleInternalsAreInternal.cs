using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

internal static partial class ModuleRules
{
    /// <summary>Everything in a module's implementation but its <c>public static class &lt;M&gt;Module</c> entry point.</summary>
    public static TestResult ModuleInternalsAreInternal(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .That().BelongTo([.. map.ModuleRoots])
            .And().DoNotBelongTo([.. map.Modules.Select(module => module.Contracts)])
            .And().AreNot([.. map.Modules.Select(module => module.EntryPoint)])
            .Should().BeInternal()
            .Because("the compiler then enforces the module boundary too: a public type in a module's implementation is an " +
                     "accidental API the host or another module can start using; the only public doors are the Contracts " +
                     "and the Add<M>Module registration")
            .GetResult();
}
