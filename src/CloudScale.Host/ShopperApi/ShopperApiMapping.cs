using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Checkout.Contracts;
using CloudScale.Inventory.Contracts;

namespace CloudScale.Host.ShopperApi;

/// <summary>Module answers as the shopper API's wire shapes (the records legacy serves too).</summary>
internal static class ShopperApiMapping
{
    public static LineItemDto ToDto(this LineItem line) =>
        new(line.ProductId, line.Name, line.Quantity, line.UnitPriceCents, line.LineTotalCents);

    public static CartDto ToDto(this CartView cart) =>
        new(cart.CartId, cart.ShopperId, cart.Status, cart.Items.Select(ToDto).ToList(), cart.SubtotalCents, cart.Currency, cart.ExpiresAt);

    public static CheckoutStartedDto ToDto(this CheckoutStarted started) =>
        new(started.CheckoutSessionId, new CheckoutSummaryDto(
            started.Summary.Items.Select(ToDto).ToList(), started.Summary.SubtotalCents, started.Summary.ShippingCents,
            started.Summary.TotalCents, started.Summary.Currency));

    public static OrderDto ToDto(this OrderView order) =>
        new(order.OrderId, order.ShopperId, order.CheckoutSessionId, order.Status, order.Items.Select(ToDto).ToList(),
            order.SubtotalCents, order.ShippingCents, order.TotalCents, order.Currency, order.ShippingAddress.ToDto(),
            order.Payment is { } payment
                ? new OrderPaymentDto(payment.PaymentId, payment.Status, payment.Brand, payment.Last4, payment.AmountCents, payment.RefundedCents)
                : null,
            order.CreatedAt);

    public static AddressDto ToDto(this Address address) =>
        new(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country);

    public static Address? ToContract(this AddressDto? address) =>
        address is null ? null : new Address(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country);

    public static StockLevelDto ToDto(this StockLevel stock) => new(stock.ProductId, stock.OnHand, stock.Reserved, stock.Available);
}
