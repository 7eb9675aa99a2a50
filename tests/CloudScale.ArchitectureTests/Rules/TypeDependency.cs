namespace CloudScale.ArchitectureTests.Rules;

/// <summary>A type another type uses, and where in the IL that use was first seen (e.g. "body of 'Run' (newobj)").</summary>
internal sealed record TypeDependency(string FullName, string Namespace, string Assembly, string Via)
{
    /// <summary>A dependency is on a name when its namespace, its full type name or its assembly lies within that name.</summary>
    public bool IsOn(string name) =>
        NamespaceName.IsWithin(Namespace, name)
        || NamespaceName.IsWithin(FullName, name)
        || NamespaceName.IsWithin(Assembly, name);
}
