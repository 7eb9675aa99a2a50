namespace CloudScale.Inventory.Domain;

/// <summary>
/// The stock of one product. <see cref="Reserved"/> counts units held by reservations; they stay on hand until a
/// commit sells them. Neither count is ever negative and more can never be held than is on hand (the table's CHECK
/// constraints enforce the same, as a backstop).
/// </summary>
internal sealed class StockItem
{
    private StockItem()
    {
    }

    public StockItem(Guid productId, int onHand, DateTimeOffset now)
    {
        if (onHand < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(onHand), onHand, "on hand must be 0 or more");
        }

        ProductId = productId;
        OnHand = onHand;
        UpdatedAt = now;
    }

    public Guid ProductId { get; private set; }

    public int OnHand { get; private set; }

    public int Reserved { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public int Available => OnHand - Reserved;

    public bool CanHold(int quantity) => quantity <= Available;

    public void Hold(int quantity, DateTimeOffset now)
    {
        if (quantity <= 0 || quantity > Available)
        {
            throw new InvalidOperationException($"cannot hold {quantity} of product {ProductId}: {Available} available");
        }

        Reserved += quantity;
        UpdatedAt = now;
    }

    /// <summary>Gives held units back (release or expiry).</summary>
    public void Unhold(int quantity, DateTimeOffset now)
    {
        if (quantity <= 0 || quantity > Reserved)
        {
            throw new InvalidOperationException($"cannot give back {quantity} of product {ProductId}: only {Reserved} held");
        }

        Reserved -= quantity;
        UpdatedAt = now;
    }

    /// <summary>Held units are sold: they leave the shelf and the hold at once.</summary>
    public void Sell(int quantity, DateTimeOffset now)
    {
        if (quantity <= 0 || quantity > Reserved)
        {
            throw new InvalidOperationException($"cannot sell {quantity} of product {ProductId}: only {Reserved} held");
        }

        OnHand -= quantity;
        Reserved -= quantity;
        UpdatedAt = now;
    }

    /// <summary>
    /// Sets the count on the shelf from an outside source of truth (the legacy backfill). Refused when the new count
    /// is below what this module's reservations hold: those units were promised to shoppers.
    /// </summary>
    public bool TrySetOnHand(int onHand, DateTimeOffset now)
    {
        if (onHand < Reserved)
        {
            return false;
        }

        OnHand = onHand;
        UpdatedAt = now;
        return true;
    }
}
