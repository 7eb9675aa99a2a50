using CloudScale.ArchitectureTests.Rules;
using Mono.Cecil;

namespace CloudScale.ArchitectureTests.CodebaseRules;

/// <summary>
/// The names one module goes by, all derived from its root (e.g. "CloudScale.Inventory"). Its tests
/// (<see cref="Tests"/>) and its extracted service (<see cref="Service"/>) lie within the root, so whatever is
/// the module's own — implementation, contracts, tests, service — is everything within <see cref="Root"/>.
/// </summary>
internal sealed record ModuleNames(string Root)
{
    /// <summary>"Inventory".</summary>
    public string Name => Root[(Root.LastIndexOf('.') + 1)..];

    /// <summary>The only part of the module anyone else may use.</summary>
    public string Contracts => $"{Root}.Contracts";

    public string Tests => $"{Root}.Tests";

    public string Service => $"{Root}.Service";

    public string Domain => $"{Root}.Domain";

    /// <summary>The one public type of the implementation: <c>public static class InventoryModule</c> with <c>AddInventoryModule</c>.</summary>
    public string EntryPoint => $"{Root}.{Name}Module";

    /// <summary>The database schema the module owns: "inventory".</summary>
    public string Schema => Name.ToLowerInvariant();

    /// <summary>Part of the module but not of its contracts (its tests and service count as the module's own too).</summary>
    public bool IsInternal(TypeDependency dependency) => dependency.IsOn(Root) && !dependency.IsOn(Contracts);

    public bool Owns(TypeDefinition type) => TypeFacts.BelongsTo(type, Root);

    public bool Owns(Type type) =>
        NamespaceName.IsWithin(type.Namespace ?? "", Root) || NamespaceName.IsWithin(type.Assembly.GetName().Name!, Root);
}
