using System.Reflection;
using System.Text;
using CloudScale.ArchitectureTests.Rules;
using Mono.Cecil;

namespace CloudScale.ArchitectureTests.Map;

/// <summary>
/// Which of our assemblies depends on which, read from the compiled assemblies, so the README's diagram is
/// regenerated from the code instead of drawn and left to drift. An edge is an assembly reference or a type-level
/// use (read from IL by <see cref="DependencyReader"/>, grouped by the assembly it lands in); only assemblies
/// within the root name are nodes, so the BCL and packages stay off the map.
/// </summary>
internal sealed class ModuleMap
{
    private ModuleMap(IReadOnlyList<string> assemblies, IReadOnlyList<ModuleEdge> edges)
    {
        Assemblies = assemblies;
        Edges = edges;
    }

    /// <summary>Every node, sorted: the assemblies read and every assembly within the root they depend on.</summary>
    public IReadOnlyList<string> Assemblies { get; }

    /// <summary>Sorted by <see cref="ModuleEdge.From"/>, then <see cref="ModuleEdge.To"/>.</summary>
    public IReadOnlyList<ModuleEdge> Edges { get; }

    /// <param name="assemblies">The compiled assemblies to read, from the test output folder.</param>
    /// <param name="root">Only assemblies within this name (by segment, e.g. "CloudScale") are part of the map.</param>
    public static ModuleMap Build(IEnumerable<Assembly> assemblies, string root)
    {
        lock (AssemblyLoader.Gate)
        {
            var edges = assemblies
                .Select(AssemblyLoader.Load)
                .SelectMany(module => EdgesFrom(module, root))
                .OrderBy(edge => edge.From, StringComparer.Ordinal)
                .ThenBy(edge => edge.To, StringComparer.Ordinal)
                .ToList();
            var nodes = assemblies.Select(assembly => assembly.GetName().Name!)
                .Concat(edges.Select(edge => edge.To))
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
            return new ModuleMap(nodes, edges);
        }
    }

    /// <summary>One "A -> B" per line, sorted.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var edge in Edges)
            text.AppendLine(edge.ToString());
        return text.ToString();
    }

    /// <summary>
    /// A Mermaid flowchart: every assembly declared once (so one without edges still shows), then one edge a line.
    /// Node ids are the names with '.' made '_', because Mermaid ids are safest as plain words; the label keeps the name.
    /// </summary>
    public string ToMermaid()
    {
        var text = new StringBuilder().AppendLine("graph LR");
        foreach (var assembly in Assemblies)
            text.AppendLine($"    {MermaidId(assembly)}[\"{assembly}\"]");
        foreach (var edge in Edges)
            text.AppendLine($"    {MermaidId(edge.From)} --> {MermaidId(edge.To)}");
        return text.ToString();
    }

    private static string MermaidId(string assembly) =>
        string.Concat(assembly.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    private static IEnumerable<ModuleEdge> EdgesFrom(ModuleDefinition module, string root)
    {
        var from = module.Assembly.Name.Name;
        var usedBy = TypeFacts.WrittenTypes(module)
            .SelectMany(type => DependencyReader.Read(type).Select(dependency => (dependency.Assembly, User: TypeFacts.DisplayName(type))))
            .ToLookup(use => use.Assembly, use => use.User, StringComparer.Ordinal);

        return module.AssemblyReferences.Select(reference => reference.Name)
            .Concat(usedBy.Select(group => group.Key))
            .Where(to => to != from && NamespaceName.IsWithin(to, root))
            .Distinct(StringComparer.Ordinal)
            .Select(to => new ModuleEdge(from, to, [.. usedBy[to].Distinct().Order(StringComparer.Ordinal)]));
    }
}
