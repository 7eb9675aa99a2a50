using System.Reflection;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>
/// The names the boundary rules talk about. The real codebase supplies its assembly and namespace roots;
/// the fixture supplies look-alike namespaces, so the very same rule definitions are proven to fail.
/// A name matches a namespace or an assembly by whole segment.
/// </summary>
internal sealed record CodebaseMap(
    IReadOnlyList<Assembly> Assemblies,
    string Proxy,
    string Legacy,
    string BuildingBlocks,
    string DevStack,
    string Cli,
    IReadOnlyList<string> Modules)
{
    /// <summary>Modules do not exist yet; their namespaces are reserved now so nothing can grow a dependency on them.</summary>
    public static CodebaseMap Real { get; } = new(
        [Load("CloudScale.Proxy"), Load("CloudScale.Legacy"), Load("CloudScale.BuildingBlocks")],
        Proxy: "CloudScale.Proxy",
        Legacy: "CloudScale.Legacy",
        BuildingBlocks: "CloudScale.BuildingBlocks",
        DevStack: "CloudScale.DevStack",
        Cli: "CloudScale.Cli",
        Modules: ["CloudScale.Checkout", "CloudScale.Payment", "CloudScale.Inventory"]);

    public static CodebaseMap Fixture { get; } = new(
        [Load("CloudScale.ArchitectureTests.Fixture")],
        Proxy: "Fixture.Proxy",
        Legacy: "Fixture.Legacy",
        BuildingBlocks: "Fixture.BuildingBlocks",
        DevStack: "Fixture.DevStack",
        Cli: "Fixture.Cli",
        Modules: ["Fixture.Checkout", "Fixture.Payment", "Fixture.Inventory"]);

    /// <summary>What gets deployed; dev-only stand-ins and tools must stay out of these.</summary>
    public IReadOnlyList<string> Production => [Legacy, Proxy, BuildingBlocks];

    // The test project references these projects, so the assemblies sit in the output folder and load by name.
    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));
}
