namespace CloudScale.ArchitectureTests.Rules;

/// <summary>
/// Dependency cycles between slices of a selection (a slice is a name, e.g. a module's root; a type lies in the first
/// slice it belongs to, a dependency in the first slice it is on). A use from slice A into slice B lies on a cycle when
/// B, directly or through other slices, uses A back.
/// </summary>
internal static class SliceCycles
{
    public static IEnumerable<Violation> Find(IReadOnlyList<SelectedType> selection, IReadOnlyList<string> slices)
    {
        var uses = (
            from selected in selection
            let user = slices.FirstOrDefault(slice => TypeFacts.BelongsTo(selected.Type, slice))
            where user is not null
            from dependency in selected.Dependencies
            let used = slices.FirstOrDefault(dependency.IsOn)
            where used is not null && used != user
            select (From: user, To: used, Type: TypeFacts.DisplayName(selected.Type), Dependency: dependency)).ToList();
        var edges = uses.Select(use => (use.From, use.To)).Distinct().ToLookup(edge => edge.From, edge => edge.To);

        foreach (var use in uses)
        {
            var back = ShortestPath(edges, use.To, use.From);
            if (back is not null)
                yield return new Violation(use.Type, use.Dependency.FullName,
                    $"closes the cycle {string.Join(" -> ", back.Prepend(use.From))} ({use.Dependency.Via})");
        }
    }

    // Breadth-first, so the cycle a message names is the shortest one through that use.
    private static List<string>? ShortestPath(ILookup<string, string> edges, string start, string goal)
    {
        var cameFrom = new Dictionary<string, string> { [start] = start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var current))
        {
            if (current == goal)
            {
                var path = new List<string> { goal };
                for (var step = goal; step != start; step = cameFrom[step])
                    path.Insert(0, cameFrom[step]);
                return path;
            }
            foreach (var next in edges[current])
            {
                if (cameFrom.TryAdd(next, current))
                    queue.Enqueue(next);
            }
        }
        return null;
    }
}
