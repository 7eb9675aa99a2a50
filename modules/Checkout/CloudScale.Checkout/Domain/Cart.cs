using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Checkout.Domain;

/// <summary>A shopper's cart. It lives <see cref="Lifetime"/> past its last activity and then reads as expired.</summary>
internal sealed class Cart
{
    /// <summary>A cart lives a week past its last change.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public const int MaxQuantity = 999;

    public const string Currency = "USD";

    private readonly List<CartItem> items = [];

    private Cart()
    {
    }

    public Guid Id { get; private set; }

    public string? ShopperId { get; private set; }

    /// <summary>OPEN or CHECKED_OUT as stored; see <see cref="StatusAt"/>.</summary>
    public string Status { get; private set; } = CartStatus.Open;

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<CartItem> Items => items;

    /// <summary>Lines in the order they first went in (then by product id, as PostgreSQL orders uuids).</summary>
    public IReadOnlyList<CartItem> OrderedItems =>
        items.OrderBy(i => i.AddedAt).ThenBy(i => i.ProductId.ToString("D"), StringComparer.Ordinal).ToList();

    public static Cart Create(string? shopperId, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ShopperId = shopperId,
        Status = CartStatus.Open,
        ExpiresAt = now + Lifetime,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public string StatusAt(DateTimeOffset now) => CartStatus.At(Status, ExpiresAt, now);

    /// <summary>Refuses any change to a cart that expired or was checked out.</summary>
    public void EnsureCanChange(DateTimeOffset now)
    {
        switch (StatusAt(now))
        {
            case CartStatus.Open:
                return;
            case CartStatus.Expired:
                throw new ApiException(410, CheckoutProblems.CartExpired, $"Cart '{Id}' expired at {ExpiresAt:O}; create a new cart.");
            default:
                throw ApiException.Conflict(CheckoutProblems.CartNotOpen, $"Cart '{Id}' is {Status} and can no longer change.");
        }
    }

    /// <summary>Adds units of a product (adding up with what is in the cart); returns the line's new quantity.</summary>
    public int Add(Product product, int quantity, DateTimeOffset now)
    {
        EnsureCanChange(now);
        var line = items.Find(i => i.ProductId == product.ProductId);
        var inCart = line?.Quantity ?? 0;
        var newQuantity = inCart + quantity;
        new FieldErrors()
            .Check(newQuantity <= MaxQuantity, "quantity",
                $"quantity would make {newQuantity} units of this product in the cart ({inCart} already in it); at most {MaxQuantity}")
            .ThrowIfAny();
        if (line is null)
        {
            items.Add(new CartItem(Id, product, newQuantity, now));
        }
        else
        {
            line.SetQuantity(product, newQuantity);
        }

        Extend(now);
        return newQuantity;
    }

    public void Remove(Guid productId, DateTimeOffset now)
    {
        EnsureCanChange(now);
        var line = items.Find(i => i.ProductId == productId)
                   ?? throw ApiException.NotFound(CheckoutProblems.CartItemNotFound, $"Cart '{Id}' has no item for product '{productId}'.");
        items.Remove(line);
        Extend(now);
    }

    /// <summary>Activity on a cart (a change, a checkout started) gives it another <see cref="Lifetime"/>.</summary>
    public void Extend(DateTimeOffset now)
    {
        UpdatedAt = now;
        ExpiresAt = now + Lifetime;
    }

    public void CheckOut(DateTimeOffset now)
    {
        Status = CartStatus.CheckedOut;
        UpdatedAt = now;
    }
}
