namespace CloudScale.Checkout.Application;

/// <summary>
/// Serialises completions of one checkout session (and uses of one Idempotency-Key) across processes for the whole
/// saga. A lock dies with its holder, so a crashed process's sagas become recoverable at once.
/// </summary>
internal interface ISagaLocks
{
    /// <summary>Waits for the session's lock, then the key's; disposing releases both.</summary>
    Task<IAsyncDisposable> AcquireAsync(Guid checkoutSessionId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The session's lock if nobody holds it, else null (a live process is still running that saga).</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(Guid checkoutSessionId, CancellationToken cancellationToken);
}
