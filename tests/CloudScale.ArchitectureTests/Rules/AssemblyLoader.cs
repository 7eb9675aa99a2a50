using System.Reflection;
using Mono.Cecil;

namespace CloudScale.ArchitectureTests.Rules;

/// <summary>
/// Reads compiled assemblies as IL with Mono.Cecil, from the files in the test output folder.
/// Cecil reads lazily and is not thread-safe, and xunit runs test classes in parallel, so every
/// rule evaluates under <see cref="Gate"/>; the rules are fast enough that serialising costs nothing.
/// </summary>
internal static class AssemblyLoader
{
    public static readonly Lock Gate = new();

    private static readonly Dictionary<string, ModuleDefinition> Modules = new(StringComparer.Ordinal);
    private static readonly DefaultAssemblyResolver Resolver = CreateResolver();

    /// <summary>Call only while holding <see cref="Gate"/>.</summary>
    public static ModuleDefinition Load(Assembly assembly)
    {
        var path = assembly.Location;
        if (string.IsNullOrEmpty(path))
            throw new ArgumentException($"assembly '{assembly.FullName}' has no file on disk; load it from the test output folder", nameof(assembly));

        if (!Modules.TryGetValue(path, out var module))
        {
            module = ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = Resolver });
            Modules.Add(path, module);
        }
        return module;
    }

    // Resolution is needed only to walk base types (Inherit, ImplementInterface) and to decode attribute
    // arguments of enum type. Web projects compile against the ASP.NET Core shared framework, which is not
    // copied to the output folder, so every shared framework next to the running runtime is searched too.
    private static DefaultAssemblyResolver CreateResolver()
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        resolver.AddSearchDirectory(runtimeDirectory);

        var sharedDirectory = Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory))!;
        var runtimeVersion = Path.GetFileName(runtimeDirectory);
        foreach (var framework in Directory.EnumerateDirectories(sharedDirectory))
        {
            var sameVersion = Path.Combine(framework, runtimeVersion);
            var chosen = Directory.Exists(sameVersion)
                ? sameVersion
                : Directory.EnumerateDirectories(framework).Order(StringComparer.Ordinal).LastOrDefault();
            if (chosen is not null && chosen != runtimeDirectory)
                resolver.AddSearchDirectory(chosen);
        }
        return resolver;
    }
}
