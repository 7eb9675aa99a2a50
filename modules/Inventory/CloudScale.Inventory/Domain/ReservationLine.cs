namespace CloudScale.Inventory.Domain;

internal sealed class ReservationLine
{
    private ReservationLine()
    {
    }

    public ReservationLine(Guid reservationId, Guid productId, int quantity)
    {
        ReservationId = reservationId;
        ProductId = productId;
        Quantity = quantity;
    }

    public Guid ReservationId { get; private set; }

    public Guid ProductId { get; private set; }

    public int Quantity { get; private set; }
}
