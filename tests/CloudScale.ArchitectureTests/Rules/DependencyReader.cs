using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Collections.Generic;

namespace CloudScale.ArchitectureTests.Rules;

/// <summary>
/// Every type a type uses, read from IL: signatures alone miss what method bodies do
/// (a `new`, a static call, a cast, a typeof), and those are exactly the references that slip in unnoticed.
/// Compiler-made nested types (lambdas' closures, async and iterator state machines) are read as part of
/// the type whose code they came from, so a lambda cannot hide a dependency.
/// </summary>
internal sealed class DependencyReader
{
    private readonly TypeDefinition _subject;
    private readonly Dictionary<string, TypeDependency> _found = new(StringComparer.Ordinal);

    private DependencyReader(TypeDefinition subject) => _subject = subject;

    /// <summary>Distinct dependencies in the order first seen; each remembers where it was first seen.</summary>
    public static IReadOnlyList<TypeDependency> Read(TypeDefinition type)
    {
        var reader = new DependencyReader(type);
        reader.ReadType(type, prefix: "");
        return [.. reader._found.Values];
    }

    private void ReadType(TypeDefinition type, string prefix)
    {
        Add(type.BaseType, $"{prefix}base type");
        foreach (var implementation in type.Interfaces)
            Add(implementation.InterfaceType, $"{prefix}interface");
        ReadGenericConstraints(type.GenericParameters, $"{prefix}generic constraint");
        ReadAttributes(type.CustomAttributes, $"{prefix}attribute on type");

        foreach (var field in type.Fields)
        {
            Add(field.FieldType, $"field '{prefix}{field.Name}'");
            ReadAttributes(field.CustomAttributes, $"attribute on field '{prefix}{field.Name}'");
        }
        foreach (var property in type.Properties)
        {
            Add(property.PropertyType, $"property '{prefix}{property.Name}'");
            foreach (var parameter in property.Parameters)
                Add(parameter.ParameterType, $"property '{prefix}{property.Name}'");
            ReadAttributes(property.CustomAttributes, $"attribute on property '{prefix}{property.Name}'");
        }
        foreach (var @event in type.Events)
        {
            Add(@event.EventType, $"event '{prefix}{@event.Name}'");
            ReadAttributes(@event.CustomAttributes, $"attribute on event '{prefix}{@event.Name}'");
        }
        foreach (var method in type.Methods)
            ReadMethod(method, $"{prefix}{method.Name}");

        foreach (var nested in type.NestedTypes.Where(TypeFacts.IsCompilerGeneratedNested))
            ReadType(nested, $"{prefix}{nested.Name}.");
    }

    private void ReadMethod(MethodDefinition method, string name)
    {
        var signature = $"signature of '{name}'";
        Add(method.ReturnType, signature);
        foreach (var parameter in method.Parameters)
        {
            Add(parameter.ParameterType, signature);
            ReadAttributes(parameter.CustomAttributes, $"attribute on a parameter of '{name}'");
        }
        ReadGenericConstraints(method.GenericParameters, signature);
        ReadAttributes(method.CustomAttributes, $"attribute on '{name}'");
        ReadAttributes(method.MethodReturnType.CustomAttributes, $"attribute on '{name}'");

        if (!method.HasBody)
            return;
        foreach (var variable in method.Body.Variables)
            Add(variable.VariableType, $"local in '{name}'");
        foreach (var handler in method.Body.ExceptionHandlers)
            Add(handler.CatchType, $"catch in '{name}'");
        foreach (var instruction in method.Body.Instructions)
            ReadOperand(instruction, $"body of '{name}' ({instruction.OpCode.Name})");
    }

    private void ReadOperand(Instruction instruction, string via)
    {
        switch (instruction.Operand)
        {
            case MethodReference called:
                Add(called.DeclaringType, via);
                AddSignature(called, via);
                if (called is GenericInstanceMethod generic)
                {
                    foreach (var argument in generic.GenericArguments)
                        Add(argument, via);
                }
                break;
            case FieldReference field:
                Add(field.DeclaringType, via);
                Add(field.FieldType, via);
                break;
            case TypeReference type:
                Add(type, via);
                break;
            case CallSite site:
                AddSignature(site, via);
                break;
        }
    }

    private void ReadGenericConstraints(Collection<GenericParameter> parameters, string via)
    {
        foreach (var parameter in parameters)
        {
            foreach (var constraint in parameter.Constraints)
                Add(constraint.ConstraintType, via);
        }
    }

    private void ReadAttributes(Collection<CustomAttribute> attributes, string via)
    {
        foreach (var attribute in attributes)
        {
            Add(attribute.AttributeType, via);
            foreach (var argument in attribute.ConstructorArguments)
                ReadAttributeArgument(argument, via);
            foreach (var named in attribute.Properties.Concat(attribute.Fields))
                ReadAttributeArgument(named.Argument, via);
        }
    }

    // typeof(X) in an attribute is stored as a type; arrays and object-typed arguments box further arguments.
    private void ReadAttributeArgument(CustomAttributeArgument argument, string via)
    {
        switch (argument.Value)
        {
            case TypeReference type:
                Add(type, $"{via} (typeof)");
                break;
            case CustomAttributeArgument[] items:
                foreach (var item in items)
                    ReadAttributeArgument(item, via);
                break;
            case CustomAttributeArgument boxed:
                ReadAttributeArgument(boxed, via);
                break;
        }
    }

    // Called methods, calli call sites and function pointers share one shape in Cecil: a return type and parameters.
    private void AddSignature(IMethodSignature signature, string via)
    {
        Add(signature.ReturnType, via);
        foreach (var parameter in signature.Parameters)
            Add(parameter.ParameterType, via);
    }

    // A constructed type (List<X>, X[], ref X, X*) depends on every type it is built from.
    private void Add(TypeReference? type, string via)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Add(generic.ElementType, via);
                foreach (var argument in generic.GenericArguments)
                    Add(argument, via);
                return;
            case FunctionPointerType pointer:
                AddSignature(pointer, via);
                return;
            case RequiredModifierType required:
                Add(required.ModifierType, via);
                Add(required.ElementType, via);
                return;
            case OptionalModifierType optional:
                Add(optional.ModifierType, via);
                Add(optional.ElementType, via);
                return;
            case TypeSpecification specification:
                Add(specification.ElementType, via);
                return;
        }

        if (TypeFacts.IsCompilerNamed(type) || IsSubjectItself(type) || _found.ContainsKey(type.FullName))
            return;
        _found.Add(type.FullName, new TypeDependency(
            TypeFacts.DisplayName(type), TypeFacts.NamespaceOf(type), TypeFacts.AssemblyOf(type), via));
    }

    private bool IsSubjectItself(TypeReference type) =>
        type.FullName == _subject.FullName && TypeFacts.AssemblyOf(type) == _subject.Module.Assembly.Name.Name;
}
