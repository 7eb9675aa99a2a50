namespace CloudScale.ArchitectureTests.Rules;

/// <summary>Dotted names (namespaces, assemblies, type names) compared by whole segment, never by string prefix.</summary>
internal static class NamespaceName
{
    /// <summary>
    /// True when <paramref name="name"/> is <paramref name="prefix"/> or lies below it:
    /// "CloudScale.Legacy.Carts" is within "CloudScale.Legacy"; "CloudScale.LegacyTools" is not.
    /// </summary>
    public static bool IsWithin(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal)
        && (name.Length == prefix.Length || name[prefix.Length] is '.' or '+');
}
