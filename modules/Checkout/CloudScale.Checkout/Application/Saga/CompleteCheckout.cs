using CloudScale.BuildingBlocks.Http;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;
using MediatR;

namespace CloudScale.Checkout.Application.Saga;

/// <summary>Spans several transactions (one per saga step), so it is a plain request, not a unit-of-work command.</summary>
internal sealed record CompleteCheckoutRequest(Guid CheckoutSessionId, string? IdempotencyKey) : IRequest<CheckoutCompletion>;

internal sealed class CompleteCheckoutHandler(ISagaLocks locks, CheckoutSagaRunner runner) : IRequestHandler<CompleteCheckoutRequest, CheckoutCompletion>
{
    public const int MaxKeyLength = 200;

    public async Task<CheckoutCompletion> Handle(CompleteCheckoutRequest request, CancellationToken cancellationToken)
    {
        if (request.IdempotencyKey is not { Length: > 0 and <= MaxKeyLength } key)
        {
            throw new ApiException(400, CheckoutProblems.IdempotencyKeyRequired,
                $"Send an Idempotency-Key header (1..{MaxKeyLength} characters, e.g. a UUID) so a retried completion cannot charge twice.");
        }

        // Held until the saga ends: concurrent completions of the session (or with the key) wait, then see its answer.
        await using var held = await locks.AcquireAsync(request.CheckoutSessionId, key, cancellationToken);
        return await runner.CompleteAsync(request.CheckoutSessionId, key, cancellationToken);
    }
}
