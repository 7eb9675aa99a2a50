namespace CloudScale.Inventory.Contracts;

/// <summary>
/// What the rest of the system may ask of Inventory. Every write is idempotent under the caller-chosen id, so a
/// saga that retries or recovers after a crash can repeat any call safely. Refusals the caller can act on
/// (unknown product, invalid request) are thrown as problems with stable codes; expected business outcomes
/// (not enough stock) are results.
/// <para>
/// Stock has exactly one writer. While the legacy monolith owns it, every call (reads too) is answered by legacy
/// through its internal stock API, and Inventory publishes no stock events (stock reserved, committed, released):
/// those come only from the owner's local writes, once Inventory owns stock. When the owner cannot be reached, or
/// keeps moving during a cutover, a call fails with 503 <c>stock_owner_unavailable</c>; repeating it under the same
/// reservation id is safe.
/// </para>
/// </summary>
public interface IInventoryModule
{
    /// <summary>Stock of one product; throws <c>product_not_found</c> (404) for a product Inventory does not stock.</summary>
    Task<StockLevel> GetAvailabilityAsync(Guid productId, CancellationToken cancellationToken);

    /// <summary>Stock of several products at once; products Inventory does not stock are left out.</summary>
    Task<IReadOnlyList<StockLevel>> GetAvailabilityAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);

    /// <summary>
    /// Holds every line or none. Repeating a reservation id returns the first answer. The hold expires after
    /// <see cref="ReserveStock.HoldFor"/> (default 10 minutes) unless committed or released first.
    /// </summary>
    Task<ReservationResult> ReserveAsync(ReserveStock request, CancellationToken cancellationToken);

    /// <summary>Gives held stock back; releasing an unknown, released or expired reservation is a no-op.</summary>
    Task<ReservationState> ReleaseAsync(Guid reservationId, string reason, CancellationToken cancellationToken);

    /// <summary>Turns the hold into a sale (on hand goes down); committing twice is a no-op.</summary>
    Task<CommitResult> CommitAsync(Guid reservationId, CancellationToken cancellationToken);
}

public sealed record StockLevel(Guid ProductId, int OnHand, int Reserved, int Available);

public sealed record StockLine(Guid ProductId, int Quantity);

/// <param name="ReservationId">Chosen by the caller: the idempotency key of the reservation.</param>
/// <param name="Reference">What the hold is for (e.g. a checkout session), for people reading the data.</param>
/// <param name="HoldFor">How long the hold lasts; null means Inventory's default (10 minutes).</param>
public sealed record ReserveStock(Guid ReservationId, IReadOnlyList<StockLine> Lines, string? Reference = null, TimeSpan? HoldFor = null);

public sealed record StockShortage(Guid ProductId, int Wanted, int Available);

/// <summary>Either <see cref="Reserved"/> with an expiry, or the shortages that prevented it (nothing is held then).</summary>
public sealed record ReservationResult(Guid ReservationId, bool Reserved, DateTimeOffset? ExpiresAt, IReadOnlyList<StockShortage> Shortages);

/// <summary>A reservation's lifecycle.</summary>
public enum ReservationState
{
    /// <summary>No such reservation (never made, or refused for shortage).</summary>
    Unknown,
    Held,
    Committed,
    Released,
    Expired,
}

/// <summary><see cref="Committed"/>, or why not: a reservation released or expired before its commit sells nothing.</summary>
public sealed record CommitResult(Guid ReservationId, bool Committed, ReservationState State);
