namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// The internal stock API that whichever side owns stock serves, with one contract on both sides: legacy serves it
/// for the Inventory module's adapter while legacy owns stock; the modular host serves it for legacy's stock gateway
/// once Inventory owns. A side that does not own stock answers every write (and read) with 409
/// <see cref="OwnerMovedCode"/>, and the caller re-reads the owner and routes again. Never exposed through the proxy.
/// Semantics match <c>IInventoryModule</c>: reservation ids are chosen by the caller and idempotent; a reservation
/// holds every line or none; repeating a reservation id answers the first answer; commit/release twice are no-ops.
/// </summary>
public static class InternalStockApi
{
    public const string Prefix = "/internal/stock";

    /// <summary>409: the side asked is not (or no longer) the stock owner.</summary>
    public const string OwnerMovedCode = "stock_owner_moved";

    /// <summary>GET {Prefix}/levels/{productId} → <see cref="InternalStockLevel"/>; 404 <c>product_not_found</c>.</summary>
    public static string Level(Guid productId) => $"{Prefix}/levels/{productId}";

    /// <summary>POST <see cref="InternalAvailabilityRequest"/> → <see cref="InternalAvailabilityResponse"/> (unknown products left out).</summary>
    public const string Levels = Prefix + "/levels";

    /// <summary>POST <see cref="InternalReserveRequest"/> → <see cref="InternalReserveResponse"/>; 404 <c>product_not_found</c>.</summary>
    public const string Reservations = Prefix + "/reservations";

    /// <summary>POST (no body) → <see cref="InternalReservationOutcome"/>.</summary>
    public static string Commit(Guid reservationId) => $"{Prefix}/reservations/{reservationId}/commit";

    /// <summary>POST <see cref="InternalReleaseRequest"/> → <see cref="InternalReservationOutcome"/>.</summary>
    public static string Release(Guid reservationId) => $"{Prefix}/reservations/{reservationId}/release";

    /// <summary>Reservation states on the wire (and in both sides' tables).</summary>
    public static class States
    {
        public const string Unknown = "Unknown";
        public const string Held = "Held";
        public const string Committed = "Committed";
        public const string Released = "Released";
        public const string Expired = "Expired";
    }
}

public sealed record InternalStockLevel(Guid ProductId, int OnHand, int Reserved, int Available);

public sealed record InternalAvailabilityRequest(IReadOnlyList<Guid> ProductIds);

public sealed record InternalAvailabilityResponse(IReadOnlyList<InternalStockLevel> Items);

public sealed record InternalStockLine(Guid ProductId, int Quantity);

/// <param name="HoldForSeconds">Null: the owner's default hold (10 minutes).</param>
public sealed record InternalReserveRequest(Guid ReservationId, IReadOnlyList<InternalStockLine> Lines, string? Reference, int? HoldForSeconds);

public sealed record InternalShortage(Guid ProductId, int Wanted, int Available);

public sealed record InternalReserveResponse(Guid ReservationId, bool Reserved, DateTimeOffset? ExpiresAt, IReadOnlyList<InternalShortage> Shortages);

public sealed record InternalReleaseRequest(string? Reason);

/// <param name="Done">Commit: the hold was (now or before) sold. Release: the hold is given back (or never existed).</param>
/// <param name="State">One of <see cref="InternalStockApi.States"/>.</param>
public sealed record InternalReservationOutcome(Guid ReservationId, bool Done, string State);
