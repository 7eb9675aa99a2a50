namespace CloudScale.ArchitectureTests.Map;

/// <summary>
/// <paramref name="From"/> depends on <paramref name="To"/>. <paramref name="UsedBy"/> names the types in
/// <paramref name="From"/> that use <paramref name="To"/>: where to look to cut the edge. It is empty when only the
/// assembly reference shows the dependency (an assembly-level attribute, which belongs to no type).
/// </summary>
internal sealed record ModuleEdge(string From, string To, IReadOnlyList<string> UsedBy)
{
    public override string ToString() => $"{From} -> {To}";
}
