using CloudScale.ArchitectureTests.CodebaseRules;

namespace CloudScale.ArchitectureTests.Map;

/// <summary>The module map read from today's compiled assemblies shows the edges the architecture has, and only those.</summary>
public sealed class ModuleMapTests
{
    private const string Proxy = "CloudScale.Proxy";
    private const string Legacy = "CloudScale.Legacy";
    private const string BuildingBlocks = "CloudScale.BuildingBlocks";

    private static readonly ModuleMap Codebase = ModuleMap.Build(CodebaseMap.Real.Assemblies, "CloudScale");

    [Fact]
    public void Proxy_and_legacy_each_depend_on_building_blocks_through_their_types()
    {
        Assert.Contains($"{Proxy} -> {BuildingBlocks}", Lines(Codebase.ToText()));
        Assert.Contains($"{Legacy} -> {BuildingBlocks}", Lines(Codebase.ToText()));
        Assert.All(Codebase.Edges.Where(edge => edge.To == BuildingBlocks), edge => Assert.NotEmpty(edge.UsedBy));
    }

    [Fact]
    public void Proxy_and_legacy_do_not_depend_on_each_other()
    {
        Assert.DoesNotContain($"{Proxy} -> {Legacy}", Lines(Codebase.ToText()));
        Assert.DoesNotContain($"{Legacy} -> {Proxy}", Lines(Codebase.ToText()));
    }

    [Fact]
    public void Every_module_implementation_and_contracts_is_on_the_map()
    {
        foreach (var module in CodebaseMap.Real.Modules)
        {
            Assert.Contains(module.Root, Codebase.Assemblies);
            Assert.Contains(module.Contracts, Codebase.Assemblies);
        }
    }

    // The host composes modules (Add<M>Module); every other assembly sees a module only through its Contracts.
    [Fact]
    public void Only_the_host_depends_on_a_module_implementation()
    {
        var implementations = CodebaseMap.Real.ModuleRoots;

        var intoImplementations = Codebase.Edges.Where(edge => implementations.Contains(edge.To) && edge.From != CodebaseMap.Real.Host);

        Assert.Empty(intoImplementations.Select(edge => edge.ToString()));
    }

    [Fact]
    public void Only_our_own_assemblies_are_on_the_map() =>
        Assert.All(Codebase.Assemblies, assembly => Assert.StartsWith("CloudScale.", assembly, StringComparison.Ordinal));

    [Fact]
    public void Text_has_one_sorted_edge_per_line()
    {
        var lines = Lines(Codebase.ToText());

        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Equal(Codebase.Edges.Count, lines.Count);
    }

    [Fact]
    public void Mermaid_is_a_left_to_right_graph_with_one_edge_per_line()
    {
        var mermaid = Lines(Codebase.ToMermaid());

        Assert.Equal("graph LR", mermaid[0]);
        Assert.Contains("    CloudScale_Proxy[\"CloudScale.Proxy\"]", mermaid);
        Assert.Contains("    CloudScale_Proxy --> CloudScale_BuildingBlocks", mermaid);
        Assert.Contains("    CloudScale_Legacy --> CloudScale_BuildingBlocks", mermaid);
        Assert.DoesNotContain("    CloudScale_Proxy --> CloudScale_Legacy", mermaid);
    }

    // For a developer to paste into the README; written to the output folder, never into the repository.
    [Fact]
    public void Writes_the_current_map_to_module_map_md_and_module_map_txt()
    {
        var markdown = Path.Combine(AppContext.BaseDirectory, "module-map.md");
        var text = Path.Combine(AppContext.BaseDirectory, "module-map.txt");

        File.WriteAllText(markdown, $"```mermaid{Environment.NewLine}{Codebase.ToMermaid()}```{Environment.NewLine}");
        File.WriteAllText(text, Codebase.ToText());

        Assert.Equal($"```mermaid{Environment.NewLine}graph LR", string.Join(Environment.NewLine, File.ReadLines(markdown).Take(2)));
        Assert.Equal(Codebase.Edges.Count, File.ReadLines(text).Count());
    }

    private static List<string> Lines(string text) => [.. text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)];
}
