using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Domain;

namespace CloudScale.Inventory.Application;

internal static class StateMapping
{
    public static ReservationState ToContract(this ReservationStatus status) => status switch
    {
        ReservationStatus.Held => ReservationState.Held,
        ReservationStatus.Committed => ReservationState.Committed,
        ReservationStatus.Released => ReservationState.Released,
        ReservationStatus.Expired => ReservationState.Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown reservation status"),
    };

    public static StockLevel ToContract(this StockItem item) => new(item.ProductId, item.OnHand, item.Reserved, item.Available);
}
