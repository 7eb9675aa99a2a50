namespace CloudScale.Inventory.Domain;

/// <summary>Stored by name in <c>reservations.status</c>.</summary>
internal enum ReservationStatus
{
    Held,
    Committed,
    Released,
    Expired,
}
