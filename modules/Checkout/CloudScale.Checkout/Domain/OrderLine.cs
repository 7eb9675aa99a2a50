namespace CloudScale.Checkout.Domain;

internal sealed class OrderLine
{
    private OrderLine()
    {
    }

    public OrderLine(Guid orderId, int lineNo, CheckoutLine line)
    {
        OrderId = orderId;
        LineNo = lineNo;
        ProductId = line.ProductId;
        ProductName = line.Name;
        Quantity = line.Quantity;
        UnitPriceCents = line.UnitPriceCents;
    }

    public Guid OrderId { get; private set; }

    public int LineNo { get; private set; }

    public Guid ProductId { get; private set; }

    public string ProductName { get; private set; } = "";

    public int Quantity { get; private set; }

    public long UnitPriceCents { get; private set; }
}
