using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

internal static partial class ModuleRules
{
    public static IReadOnlyList<string> Infrastructure { get; } =
        ["Microsoft.EntityFrameworkCore", "Npgsql", "Confluent.Kafka", "StackExchange.Redis", "Microsoft.AspNetCore"];

    /// <summary>Code in <c>CloudScale.&lt;M&gt;.Domain</c> uses no persistence, messaging, cache or web types.</summary>
    public static TestResult DomainDependsOnNoInfrastructure(CodebaseMap map) =>
        Types.InAssemblies(map.Assemblies)
            .That().BelongTo([.. map.Modules.Select(module => module.Domain)])
            .Should().NotHaveDependencyOnAny([.. Infrastructure])
            .Because("the domain holds the business rules (never oversell, never keep a card number, compensate in reverse); " +
                     "kept free of EF Core, Npgsql, Kafka, Redis and ASP.NET Core it is tested without a database or broker " +
                     "and survives a change of any of them")
            .GetResult();
}
