using CloudScale.Checkout.Domain;
using CloudScale.Checkout.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Checkout.Application.Saga;

/// <summary>
/// Finds sagas left unfinished (their process died, or a call failed midway) and finishes or undoes each, unless a
/// live process still holds its session's lock.
/// </summary>
internal sealed class SagaRecovery(IServiceScopeFactory scopes, ISagaLocks locks, TimeProvider clock)
{
    private const int BatchSize = 100;

    /// <summary>One pass over sagas unchanged for <paramref name="staleAfter"/>; returns how many it finished.</summary>
    public async Task<int> RecoverOnceAsync(TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        List<(Guid SagaId, Guid SessionId)> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            var cutoff = clock.GetUtcNow() - staleAfter;
            candidates = (await db.Sagas.AsNoTracking()
                    .Where(s => s.Status == SagaStatus.Running && s.UpdatedAt <= cutoff)
                    .OrderBy(s => s.UpdatedAt).Take(BatchSize)
                    .Select(s => new { s.Id, s.CheckoutSessionId })
                    .ToListAsync(cancellationToken))
                .Select(s => (s.Id, s.CheckoutSessionId)).ToList();
        }

        var finished = 0;
        foreach (var (sagaId, sessionId) in candidates)
        {
            await using var held = await locks.TryAcquireAsync(sessionId, cancellationToken);
            if (held is null)
            {
                continue;
            }

            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<CheckoutSagaRunner>().ResumeAsync(sagaId))
            {
                finished++;
            }
        }

        return finished;
    }
}
