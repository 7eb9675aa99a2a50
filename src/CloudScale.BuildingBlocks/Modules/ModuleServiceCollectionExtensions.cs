using System.Reflection;
using CloudScale.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudScale.BuildingBlocks.Modules;

public static class ModuleServiceCollectionExtensions
{
    /// <summary>
    /// The parts every module has: its DbContext over its own schema (with the migrations history table in that
    /// schema and the outbox interceptor), its private mediator over the handlers and validators of
    /// <paramref name="moduleAssembly"/>, and, when <c>&lt;name&gt;:MigrateOnStartup</c> is true, its migrations
    /// applied before anything else of the host starts. The connection string is <c>ConnectionStrings:&lt;name&gt;</c>,
    /// else <c>ConnectionStrings:Modules</c> (all modules in one database, each in its own schema).
    /// </summary>
    public static IServiceCollection AddModuleCore<TContext>(
        this IServiceCollection services, IConfiguration configuration, string name, string schema, Assembly moduleAssembly)
        where TContext : DbContext
    {
        var connectionString = ModuleConnectionString(configuration, name);
        if (configuration.GetValue<bool>($"{name}:MigrateOnStartup"))
        {
            // Registered first so that it runs before the module's own background services start.
            services.AddHostedService<ModuleMigrator<TContext>>();
        }

        services.AddDbContext<TContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(ModuleSchema.MigrationsHistoryTable, schema))
            .UseOutbox());

        var handlers = new ModuleHandlers<TContext>(moduleAssembly);
        services.AddSingleton(handlers);
        foreach (var handler in handlers.HandlerTypes)
        {
            services.TryAddScoped(handler);
        }

        foreach (var type in ModuleHandlers<TContext>.ConcreteTypes(moduleAssembly))
        {
            foreach (var validator in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            {
                services.AddScoped(validator, type);
            }
        }

        services.AddScoped<ModuleMediator<TContext>>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary><c>ConnectionStrings:&lt;name&gt;</c>, else <c>ConnectionStrings:Modules</c>; a missing one stops the host at start.</summary>
    public static string ModuleConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } own ? own
        : configuration.GetConnectionString("Modules") is { Length: > 0 } shared ? shared
        : throw new InvalidOperationException($"Set ConnectionStrings:{name} or ConnectionStrings:Modules for the {name} module.");
}

/// <summary>Naming shared by every module's schema.</summary>
public static class ModuleSchema
{
    /// <summary>Each module keeps its own EF migrations history, in its own schema.</summary>
    public const string MigrationsHistoryTable = "__EFMigrationsHistory";
}
