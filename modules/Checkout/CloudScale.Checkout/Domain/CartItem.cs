namespace CloudScale.Checkout.Domain;

/// <summary>
/// One product in a cart. Name and price are the catalog's at the last add of this product (the cart does not call
/// the catalog on every read); the checkout session freezes them.
/// </summary>
internal sealed class CartItem
{
    private CartItem()
    {
    }

    public CartItem(Guid cartId, Product product, int quantity, DateTimeOffset addedAt)
    {
        CartId = cartId;
        ProductId = product.ProductId;
        ProductName = product.Name;
        UnitPriceCents = product.PriceCents;
        Quantity = quantity;
        AddedAt = addedAt;
    }

    public Guid CartId { get; private set; }

    public Guid ProductId { get; private set; }

    public string ProductName { get; private set; } = "";

    public long UnitPriceCents { get; private set; }

    public int Quantity { get; private set; }

    /// <summary>When the product first went into the cart: lines keep their place when more units are added.</summary>
    public DateTimeOffset AddedAt { get; private set; }

    public long LineTotalCents => UnitPriceCents * Quantity;

    public void SetQuantity(Product product, int quantity)
    {
        ProductName = product.Name;
        UnitPriceCents = product.PriceCents;
        Quantity = quantity;
    }
}
