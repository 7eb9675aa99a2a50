namespace CloudScale.Checkout.Domain;

/// <summary>
/// A priced cart the shopper is paying for. It stays OPEN until a completion either sells (COMPLETED, with the
/// order) or ends in a business failure (FAILED, with the failure's problem code); a gateway error leaves it open.
/// </summary>
internal sealed class CheckoutSession
{
    private CheckoutSession()
    {
    }

    public Guid Id { get; private set; }

    public Guid CartId { get; private set; }

    public string? ShopperId { get; private set; }

    public Guid PaymentMethodId { get; private set; }

    public ShippingAddress ShippingAddress { get; private set; } = null!;

    public IReadOnlyList<CheckoutLine> Lines { get; private set; } = [];

    public long SubtotalCents { get; private set; }

    public long ShippingCents { get; private set; }

    public long TotalCents { get; private set; }

    public string Currency { get; private set; } = Cart.Currency;

    public string Status { get; private set; } = CheckoutSessionStatus.Open;

    public string? FailureCode { get; private set; }

    public Guid? OrderId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static CheckoutSession Start(Cart cart, Guid paymentMethodId, ShippingAddress address, DateTimeOffset now)
    {
        var lines = cart.OrderedItems.Select(i => new CheckoutLine(i.ProductId, i.ProductName, i.Quantity, i.UnitPriceCents)).ToList();
        var subtotal = lines.Sum(l => l.LineTotalCents);
        var shipping = Shipping.For(subtotal);
        return new CheckoutSession
        {
            Id = Guid.NewGuid(),
            CartId = cart.Id,
            ShopperId = cart.ShopperId,
            PaymentMethodId = paymentMethodId,
            ShippingAddress = address,
            Lines = lines,
            SubtotalCents = subtotal,
            ShippingCents = shipping,
            TotalCents = subtotal + shipping,
            Currency = Cart.Currency,
            Status = CheckoutSessionStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public void Complete(Guid orderId, DateTimeOffset now)
    {
        Status = CheckoutSessionStatus.Completed;
        OrderId = orderId;
        FailureCode = null;
        UpdatedAt = now;
    }

    public void Fail(string failureCode, DateTimeOffset now)
    {
        Status = CheckoutSessionStatus.Failed;
        FailureCode = failureCode;
        UpdatedAt = now;
    }
}
