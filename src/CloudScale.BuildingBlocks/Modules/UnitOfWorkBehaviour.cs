using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Modules;

/// <summary>
/// A command and everything it adds to the module's DbContext (outbox messages included) commit together or not at
/// all. A command sent from inside another command's transaction joins it instead of opening a second one. Each
/// top-level command starts from an empty change tracker.
/// </summary>
internal sealed class UnitOfWorkBehaviour<TContext, TRequest, TResponse>(TContext db) : IPipelineBehavior<TRequest, TResponse>
    where TContext : DbContext
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await next();
        }

        // A command reads what it changes under its own locks: entities tracked by an earlier request of the same scope
        // would be handed back stale by EF's identity resolution, and their update would overwrite newer values.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await next();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}
