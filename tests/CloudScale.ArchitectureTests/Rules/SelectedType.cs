using Mono.Cecil;

namespace CloudScale.ArchitectureTests.Rules;

/// <summary>A type a rule selected, with the dependencies read from its IL once for all conditions.</summary>
internal sealed record SelectedType(TypeDefinition Type, IReadOnlyList<TypeDependency> Dependencies);
