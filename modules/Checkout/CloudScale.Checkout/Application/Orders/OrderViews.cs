using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;
using CloudScale.Payment.Contracts;

namespace CloudScale.Checkout.Application.Orders;

/// <summary>Orders as the shopper sees them, with the payment as Payment knows it now.</summary>
internal sealed class OrderViews(IPaymentModule payments)
{
    public async Task<OrderView> ViewAsync(Order order, CancellationToken cancellationToken)
    {
        var payment = await payments.FindPaymentAsync(order.PaymentId, cancellationToken);
        return new OrderView(
            order.Id, order.ShopperId, order.CheckoutSessionId, order.Status,
            order.Lines.OrderBy(l => l.LineNo)
                .Select(l => new LineItem(l.ProductId, l.ProductName, l.Quantity, l.UnitPriceCents, l.UnitPriceCents * l.Quantity)).ToList(),
            order.SubtotalCents, order.ShippingCents, order.TotalCents, order.Currency, Views.Address(order.ShippingAddress),
            payment is null ? null : new OrderPayment(payment.PaymentId, StatusOf(payment.Status), payment.Brand, payment.Last4, payment.AmountCents, payment.RefundedCents),
            order.CreatedAt);
    }

    /// <summary>Upper case, as the monolith shows it: AUTHORIZED, CAPTURED, REFUNDED, VOIDED…</summary>
    public static string StatusOf(PaymentStatus status) => status.ToString().ToUpperInvariant();
}
