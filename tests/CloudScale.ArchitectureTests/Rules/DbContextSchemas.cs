using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CloudScale.ArchitectureTests.Rules;

/// <summary>
/// Reads which database schemas a DbContext's EF model really maps, rather than trusting names or conventions:
/// the context is made the way <c>dotnet ef</c> makes it, through its <see cref="IDesignTimeDbContextFactory{TContext}"/>,
/// which never connects.
/// </summary>
internal static class DbContextSchemas
{
    /// <summary>Concrete classes in <paramref name="assembly"/> that implement IDesignTimeDbContextFactory&lt;&gt;, public or not.</summary>
    public static IEnumerable<Type> DesignTimeFactories(Assembly assembly) =>
        assembly.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false } && FactoryInterface(type) is not null);

    public static DbContext Create(Type factory)
    {
        var instance = Activator.CreateInstance(factory, nonPublic: true)!;
        var create = FactoryInterface(factory)!.GetMethod(nameof(IDesignTimeDbContextFactory<DbContext>.CreateDbContext))!;
        return (DbContext)create.Invoke(instance, [Array.Empty<string>()])!;
    }

    /// <summary>How many entity types the model has; each is checked by <see cref="OutsideSchema"/>.</summary>
    public static int EntityTypeCount(DbContext context) => DesignTimeModel(context).GetEntityTypes().Count();

    /// <summary>
    /// Every table, view and entity-splitting fragment an entity type maps to (owned types and many-to-many join
    /// tables are entity types too), every sequence, and the migrations history table, that lies outside <paramref name="schema"/>.
    /// </summary>
    public static IEnumerable<Violation> OutsideSchema(DbContext context, string schema)
    {
        var model = DesignTimeModel(context);
        var contextName = context.GetType().FullName!;
        var because = $"mapped by {contextName} outside schema '{schema}'";

        foreach (var entityType in model.GetEntityTypes())
        {
            var storeObjects = new[] { StoreObjectType.Table, StoreObjectType.View }
                .Select(kind => StoreObjectIdentifier.Create(entityType, kind))
                .OfType<StoreObjectIdentifier>()
                .Concat(entityType.GetMappingFragments().Select(fragment => fragment.StoreObject));
            foreach (var store in storeObjects.Where(store => store.Schema != schema))
                yield return new Violation(entityType.Name, Describe(store.StoreObjectType.ToString(), store.Schema, store.Name), because);
        }
        foreach (var sequence in model.GetSequences().Where(sequence => sequence.Schema != schema))
            yield return new Violation(contextName, Describe("Sequence", sequence.Schema, sequence.Name), because);

        var options = RelationalOptionsExtension.Extract(context.GetService<IDbContextOptions>());
        if (options.MigrationsHistoryTableSchema != schema)
        {
            var table = options.MigrationsHistoryTableName ?? HistoryRepository.DefaultTableName;
            yield return new Violation(contextName, Describe("History table", options.MigrationsHistoryTableSchema, table), because);
        }
    }

    // A missing schema means the connection's search_path decides, which is not the module's schema.
    private static string Describe(string kind, string? schema, string name) =>
        $"{kind.ToLowerInvariant()} {schema ?? "(no schema)"}.{name}";

    // The design-time model keeps every annotation; the read-optimized runtime model may drop some.
    private static IModel DesignTimeModel(DbContext context) => context.GetService<IDesignTimeModel>().Model;

    private static Type? FactoryInterface(Type type) =>
        type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>));
}
