using CloudScale.ArchitectureTests.Rules;

namespace CloudScale.ArchitectureTests.CodebaseRules;

internal static partial class ModuleRules
{
    /// <summary>
    /// Each module's DbContext, made through its IDesignTimeDbContextFactory (found by reflection, never connecting),
    /// maps every table, view, sequence and its migrations history into the module's schema. Checked on the EF model,
    /// so owned types, join tables and ToTable("x", "other") are all seen. A module without a factory is a violation: it cannot be checked.
    /// </summary>
    public static TestResult ModuleDbContextsMapOnlyTheirSchema(CodebaseMap map)
    {
        var factories = map.Assemblies.SelectMany(DbContextSchemas.DesignTimeFactories).ToList();
        var violations = new List<Violation>();
        var entityTypes = 0;
        foreach (var module in map.Modules)
        {
            var own = factories.Where(module.Owns).ToList();
            if (own.Count == 0)
                violations.Add(new Violation(module.Root, null, "has no IDesignTimeDbContextFactory<>, so its schema cannot be checked"));
            foreach (var factory in own)
            {
                using var context = DbContextSchemas.Create(factory);
                entityTypes += DbContextSchemas.EntityTypeCount(context);
                violations.AddRange(DbContextSchemas.OutsideSchema(context, module.Schema));
            }
        }

        var sources = string.Join(", ", map.Assemblies.Select(assembly => assembly.GetName().Name));
        return new TestResult(
            $"DbContexts in {sources}, made by each module's IDesignTimeDbContextFactory, should map tables, views, sequences " +
            "and the migrations history only in the module's own schema",
            "each module owns its schema and no module reads another module's or legacy tables; that is what lets a module " +
            "move to its own service and database, and lets data ownership move one schema at a time",
            entityTypes,
            violations);
    }
}
