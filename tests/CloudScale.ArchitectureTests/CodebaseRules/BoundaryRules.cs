using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>The boundaries between services (proxy, legacy, shared kernel, dev stack). Each is one rule with its reason; the module rules are in <see cref="ModuleRules"/>.</summary>
internal static class BoundaryRules
{
    public static TestResult ProxyReferencesNeitherLegacyNorModules(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .That().BelongTo(map.Proxy)
            .Should().NotHaveDependencyOnAny([map.Legacy, map.Host, .. map.ModuleRoots])
            .Because("the proxy only routes HTTP between the legacy app and the modular host; it must be deployable and " +
                     "rollback-safe on its own, so it may know their URLs but never their code, not even a module's Contracts")
            .GetResult();

    public static TestResult LegacyReferencesNoModule(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .That().BelongTo(map.Legacy)
            .Should().NotHaveDependencyOnAny([.. map.ModuleRoots])
            .Because("the strangler pattern needs the legacy monolith to keep working unchanged while modules take its " +
                     "traffic; a legacy reference into a module would couple the two releases and block deleting legacy code")
            .GetResult();

    public static TestResult BuildingBlocksReferenceNoService(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .That().BelongTo(map.BuildingBlocks)
            .Should().NotHaveDependencyOnAny([map.Legacy, map.Proxy, map.Host, map.DevStack, map.Cli, .. map.ModuleRoots])
            .Because("building blocks are the shared kernel every service builds on; a reference back into a service " +
                     "makes a cycle and drags that service into every other one")
            .GetResult();

    public static TestResult ProductionReferencesNoDevStack(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .That().BelongTo([.. map.Production])
            .Should().NotHaveDependencyOn(map.DevStack)
            .Because("the dev stack (Kafka dev broker, schema registry stand-in) is never deployed; production talks to " +
                     "real Kafka and a real schema registry, so production code referencing it would fail only in production")
            .GetResult();
}
