namespace CloudScale.Inventory.Contracts;

/// <summary>Kafka topics Inventory publishes (Avro, key = reservation id).</summary>
public static class InventoryTopics
{
    public const string StockReserved = "inventory.stock_reserved.v1";
    public const string ReservationReleased = "inventory.reservation_released.v1";
    public const string StockCommitted = "inventory.stock_committed.v1";
}

public sealed record StockReservedV1(Guid EventId, Guid ReservationId, IReadOnlyList<StockLine> Lines, DateTimeOffset ExpiresAt, DateTimeOffset OccurredAt);

/// <param name="Reason">e.g. <c>payment_declined</c>, <c>expired</c>.</param>
public sealed record ReservationReleasedV1(Guid EventId, Guid ReservationId, IReadOnlyList<StockLine> Lines, string Reason, DateTimeOffset OccurredAt);

public sealed record StockCommittedV1(Guid EventId, Guid ReservationId, IReadOnlyList<StockLine> Lines, DateTimeOffset OccurredAt);
