using Mono.Cecil;

namespace CloudScale.ArchitectureTests.Rules;

/// <summary>Questions about a Cecil type that predicates, conditions and the dependency reader share.</summary>
internal static class TypeFacts
{
    /// <summary>Nested types carry no namespace in IL; theirs is the outermost declaring type's.</summary>
    public static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type.Namespace;
    }

    /// <summary>
    /// A type belongs to a name when its namespace, its full name or its assembly lies within it (by segment), matched
    /// as <see cref="TypeDependency.IsOn"/> matches dependencies: a compiled service is named by its assembly (which
    /// catches a top-level Program in the global namespace), a fixture component by its namespace, a single type by its full name.
    /// </summary>
    public static bool BelongsTo(TypeDefinition type, string name) =>
        NamespaceName.IsWithin(NamespaceOf(type), name)
        || NamespaceName.IsWithin(DisplayName(type), name)
        || NamespaceName.IsWithin(AssemblyOf(type), name);

    public static string AssemblyOf(TypeReference type) => type.Scope switch
    {
        AssemblyNameReference reference => reference.Name,
        _ => type.Module.Assembly.Name.Name,
    };

    /// <summary>Reflection's spelling ("Outer+Inner"), which is what readers of a failure message know.</summary>
    public static string DisplayName(TypeReference type) => type.FullName.Replace('/', '+');

    /// <summary>
    /// Closures, state machines, anonymous types and &lt;PrivateImplementationDetails&gt; are named "&lt;…&gt;"
    /// by the compiler; nothing a person wrote is.
    /// </summary>
    public static bool IsCompilerNamed(TypeReference type)
    {
        for (var current = type; current is not null; current = current.DeclaringType)
        {
            if (current.Name.StartsWith('<'))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The types a person wrote, nested ones included; the compiler's helpers are left out (their code is
    /// read as part of their owner's by <see cref="DependencyReader"/>).
    /// </summary>
    public static IEnumerable<TypeDefinition> WrittenTypes(ModuleDefinition module) =>
        module.Types
            .Where(type => !IsCompilerNamed(type) && !IsEmbeddedByCompiler(type))
            .SelectMany(WithWrittenNestedTypes);

    /// <summary>Nested helper types the compiler made for a type's code; their dependencies are that type's.</summary>
    public static bool IsCompilerGeneratedNested(TypeDefinition type) =>
        type.IsNested && (type.Name.StartsWith('<') || HasAttribute(type, "System.Runtime.CompilerServices.CompilerGeneratedAttribute"));

    /// <summary>Attributes the compiler embeds into each assembly (NullableAttribute …) carry [Embedded].</summary>
    public static bool IsEmbeddedByCompiler(TypeDefinition type) =>
        HasAttribute(type, "Microsoft.CodeAnalysis.EmbeddedAttribute");

    public static bool IsVisibleOutsideAssembly(TypeDefinition type) => type.IsNested
        ? (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamilyOrAssembly) && IsVisibleOutsideAssembly(type.DeclaringType)
        : type.IsPublic;

    public static bool Inherits(TypeDefinition type, string baseFullName)
    {
        for (var current = type.BaseType; current is not null; current = current.Resolve()?.BaseType)
        {
            if (current.GetElementType().FullName == baseFullName)
                return true;
        }
        return false;
    }

    public static bool Implements(TypeDefinition type, string interfaceFullName)
    {
        for (var current = type; current is not null; current = current.BaseType?.Resolve())
        {
            if (current.Interfaces.Any(i => IsOrExtends(i.InterfaceType, interfaceFullName)))
                return true;
        }
        return false;
    }

    /// <summary>Cecil's spelling of a reflection type: nested with '/', generic types by their definition.</summary>
    public static string CecilName(Type type) =>
        (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName!.Replace('+', '/');

    private static IEnumerable<TypeDefinition> WithWrittenNestedTypes(TypeDefinition type) =>
        type.NestedTypes
            .Where(nested => !IsCompilerGeneratedNested(nested))
            .SelectMany(WithWrittenNestedTypes)
            .Prepend(type);

    private static bool IsOrExtends(TypeReference candidate, string interfaceFullName) =>
        candidate.GetElementType().FullName == interfaceFullName
        || (candidate.Resolve()?.Interfaces.Any(i => IsOrExtends(i.InterfaceType, interfaceFullName)) ?? false);

    private static bool HasAttribute(TypeDefinition type, string attributeFullName) =>
        type.CustomAttributes.Any(a => a.AttributeType.FullName == attributeFullName);
}
