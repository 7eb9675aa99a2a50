using System.Reflection;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>
/// The names the boundary rules talk about. The real codebase supplies its assembly and namespace roots;
/// the fixture supplies look-alike namespaces, so the very same rule definitions are proven to fail.
/// A name matches a namespace, a type or an assembly by whole segment.
/// </summary>
internal sealed record CodebaseMap(
    IReadOnlyList<Assembly> Assemblies,
    string Proxy,
    string Legacy,
    string BuildingBlocks,
    string DevStack,
    string Cli,
    string Host,
    IReadOnlyList<ModuleNames> Modules)
{
    private const string HostAssembly = "CloudScale.Host";

    /// <summary>
    /// The host is read once its project exists (the test project references it conditionally); until then the rules
    /// about it hold vacuously for it and still check everyone else.
    /// </summary>
    public static CodebaseMap Real { get; } = new(
        [
            Load("CloudScale.Proxy"), Load("CloudScale.Legacy"), Load("CloudScale.BuildingBlocks"),
            Load("CloudScale.Checkout"), Load("CloudScale.Checkout.Contracts"),
            Load("CloudScale.Payment"), Load("CloudScale.Payment.Contracts"),
            Load("CloudScale.Inventory"), Load("CloudScale.Inventory.Contracts"),
            .. File.Exists(Path.Combine(AppContext.BaseDirectory, $"{HostAssembly}.dll")) ? [Load(HostAssembly)] : Array.Empty<Assembly>(),
        ],
        Proxy: "CloudScale.Proxy",
        Legacy: "CloudScale.Legacy",
        BuildingBlocks: "CloudScale.BuildingBlocks",
        DevStack: "CloudScale.DevStack",
        Cli: "CloudScale.Cli",
        Host: HostAssembly,
        Modules: [new("CloudScale.Checkout"), new("CloudScale.Payment"), new("CloudScale.Inventory")]);

    public static CodebaseMap Fixture { get; } = new(
        [Load("CloudScale.ArchitectureTests.Fixture")],
        Proxy: "Fixture.Proxy",
        Legacy: "Fixture.Legacy",
        BuildingBlocks: "Fixture.BuildingBlocks",
        DevStack: "Fixture.DevStack",
        Cli: "Fixture.Cli",
        Host: "Fixture.Host",
        Modules: [new("Fixture.Checkout"), new("Fixture.Payment"), new("Fixture.Inventory")]);

    /// <summary>What gets deployed; dev-only stand-ins and tools must stay out of these.</summary>
    public IReadOnlyList<string> Production => [Legacy, Proxy, BuildingBlocks, Host, .. ModuleRoots];

    public IReadOnlyList<string> ModuleRoots => [.. Modules.Select(module => module.Root)];

    // The test project references these projects, so the assemblies sit in the output folder and load by name.
    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));
}
