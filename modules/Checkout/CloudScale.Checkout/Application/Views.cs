using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;

namespace CloudScale.Checkout.Application;

/// <summary>Domain to facade shapes.</summary>
internal static class Views
{
    /// <summary>The cart with its stored status (what the cache keeps); <see cref="AsOf"/> derives expiry.</summary>
    public static CartView Stored(Cart cart) => new(
        cart.Id, cart.ShopperId, cart.Status,
        cart.OrderedItems.Select(i => new LineItem(i.ProductId, i.ProductName, i.Quantity, i.UnitPriceCents, i.LineTotalCents)).ToList(),
        cart.Items.Sum(i => i.LineTotalCents), Cart.Currency, cart.ExpiresAt);

    public static CartView AsOf(this CartView stored, DateTimeOffset now) =>
        stored with { Status = CartStatus.At(stored.Status, stored.ExpiresAt, now) };

    public static LineItem Line(CheckoutLine line) => new(line.ProductId, line.Name, line.Quantity, line.UnitPriceCents, line.LineTotalCents);

    public static Address Address(ShippingAddress a) => new(a.Name, a.Line1, a.Line2, a.City, a.PostalCode, a.Country);
}
