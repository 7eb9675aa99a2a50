using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Checkout.Domain;

/// <summary>An order made by the checkout saga; its payment lives in the Payment module under <see cref="PaymentId"/>.</summary>
internal sealed class Order
{
    private readonly List<OrderLine> lines = [];

    private Order()
    {
    }

    public Guid Id { get; private set; }

    public Guid CheckoutSessionId { get; private set; }

    public Guid CartId { get; private set; }

    public string? ShopperId { get; private set; }

    public string Status { get; private set; } = OrderStatus.Pending;

    public long SubtotalCents { get; private set; }

    public long ShippingCents { get; private set; }

    public long TotalCents { get; private set; }

    public string Currency { get; private set; } = Cart.Currency;

    public ShippingAddress ShippingAddress { get; private set; } = null!;

    public Guid PaymentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<OrderLine> Lines => lines;

    public static Order Place(Guid orderId, CheckoutSession session, Guid paymentId, DateTimeOffset now)
    {
        var order = new Order
        {
            Id = orderId,
            CheckoutSessionId = session.Id,
            CartId = session.CartId,
            ShopperId = session.ShopperId,
            Status = OrderStatus.Pending,
            SubtotalCents = session.SubtotalCents,
            ShippingCents = session.ShippingCents,
            TotalCents = session.TotalCents,
            Currency = session.Currency,
            ShippingAddress = session.ShippingAddress,
            PaymentId = paymentId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        order.lines.AddRange(session.Lines.Select((line, i) => new OrderLine(orderId, i + 1, line)));
        return order;
    }

    public void Confirm(DateTimeOffset now) => MoveTo(OrderStatus.Confirmed, now);

    public void Fail(DateTimeOffset now) => MoveTo(OrderStatus.Failed, now);

    /// <summary>Only a confirmed order can be refunded, and only once.</summary>
    public void EnsureRefundable()
    {
        switch (Status)
        {
            case OrderStatus.Confirmed:
                return;
            case OrderStatus.Refunded:
                throw ApiException.Conflict(CheckoutProblems.OrderAlreadyRefunded, $"Order '{Id}' was already refunded.");
            default:
                throw ApiException.Conflict(CheckoutProblems.OrderNotRefundable, $"Order '{Id}' is {Status}; only a CONFIRMED order can be refunded.");
        }
    }

    public void MarkRefunded(DateTimeOffset now) => MoveTo(OrderStatus.Refunded, now);

    private void MoveTo(string status, DateTimeOffset now)
    {
        Status = status;
        UpdatedAt = now;
    }
}
