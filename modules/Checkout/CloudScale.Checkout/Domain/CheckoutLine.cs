namespace CloudScale.Checkout.Domain;

/// <summary>A priced line frozen into a checkout session when it starts.</summary>
internal sealed record CheckoutLine(Guid ProductId, string Name, int Quantity, long UnitPriceCents)
{
    public long LineTotalCents => UnitPriceCents * Quantity;
}
