using System.Reflection;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.BuildingBlocks.Modules;

/// <summary>
/// The handler table of one module, built once by scanning its assembly, and the MediatR service factory over it.
/// Pipeline behaviours are composed here rather than registered as open generics, so each module's pipeline is
/// its own (its unit of work knows its own DbContext) and the order is fixed: logging, validation, unit of work.
/// </summary>
public sealed class ModuleHandlers<TContext>
    where TContext : DbContext
{
    private readonly Dictionary<Type, Type> handlerByInterface;

    internal ModuleHandlers(Assembly assembly)
    {
        Assembly = assembly;
        handlerByInterface = ConcreteTypes(assembly)
            .SelectMany(type => type.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
                .Select(i => (Interface: i, Handler: type)))
            .ToDictionary(pair => pair.Interface, pair => pair.Handler);
    }

    public Assembly Assembly { get; }

    public IEnumerable<Type> HandlerTypes => handlerByInterface.Values.Distinct();

    internal static IEnumerable<Type> ConcreteTypes(Assembly assembly) =>
        assembly.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false });

    internal object? Resolve(IServiceProvider services, Type serviceType)
    {
        if (serviceType.IsGenericType && serviceType.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
        {
            return handlerByInterface.TryGetValue(serviceType, out var handler)
                ? services.GetRequiredService(handler)
                : throw new InvalidOperationException(
                    $"{Assembly.GetName().Name} has no handler for {serviceType.GenericTypeArguments[0].Name}; a module handles only its own requests.");
        }

        if (serviceType.IsGenericType && serviceType.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = serviceType.GenericTypeArguments[0];
            return element.IsGenericType && element.GetGenericTypeDefinition() == typeof(IPipelineBehavior<,>)
                ? Behaviours(services, element)
                : Array.CreateInstance(element, 0);
        }

        return services.GetService(serviceType);
    }

    private static Array Behaviours(IServiceProvider services, Type behaviourInterface)
    {
        var (request, response) = (behaviourInterface.GenericTypeArguments[0], behaviourInterface.GenericTypeArguments[1]);
        var types = new List<Type>
        {
            typeof(LoggingBehaviour<,>).MakeGenericType(request, response),
            typeof(ValidationBehaviour<,>).MakeGenericType(request, response),
        };
        if (request.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)))
        {
            types.Add(typeof(UnitOfWorkBehaviour<,,>).MakeGenericType(typeof(TContext), request, response));
        }

        var behaviours = Array.CreateInstance(behaviourInterface, types.Count);
        for (var i = 0; i < types.Count; i++)
        {
            behaviours.SetValue(ActivatorUtilities.CreateInstance(services, types[i]), i);
        }

        return behaviours;
    }
}
