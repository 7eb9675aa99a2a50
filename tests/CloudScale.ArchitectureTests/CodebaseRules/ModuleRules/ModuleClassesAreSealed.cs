using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

internal static partial class ModuleRules
{
    /// <summary>The attribute that marks a concrete class designed for inheritance; declare it where needed, it is matched by name.</summary>
    public const string DesignedForInheritance = "DesignedForInheritanceAttribute";

    /// <summary>Concrete classes in a module (implementation and Contracts) are sealed, unless abstract or marked [DesignedForInheritance].</summary>
    public static TestResult ModuleClassesAreSealed(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .That().BelongTo([.. map.ModuleRoots])
            .And().AreClasses()
            .And().AreNotAbstract()
            .And().DoNotHaveAttributeNamed(DesignedForInheritance)
            .Should().BeSealed()
            .Because("a class nobody designed for inheritance breaks in a subclass nobody reviewed, and a derived contract " +
                     "record is a message the other side cannot read; abstract classes and classes marked " +
                     "[DesignedForInheritance] are the deliberate exceptions")
            .GetResult();
}
