using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Modules;

/// <summary>
/// One module's private MediatR pipeline. It resolves only the handlers found in the module's own assembly, so a
/// module cannot send another module's requests (those go through the other module's Contracts facade), and it
/// wraps every request in the module's behaviours: logging with the correlation id, validation, and for commands
/// the unit of work over <typeparamref name="TContext"/>.
/// </summary>
public sealed class ModuleMediator<TContext>(IServiceProvider services, ModuleHandlers<TContext> handlers)
    where TContext : DbContext
{
    private readonly Mediator mediator = new(type => handlers.Resolve(services, type));

    public Task<TResult> Send<TResult>(IRequest<TResult> request, CancellationToken cancellationToken) =>
        mediator.Send(request, cancellationToken);
}
