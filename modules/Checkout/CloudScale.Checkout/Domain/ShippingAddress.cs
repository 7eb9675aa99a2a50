namespace CloudScale.Checkout.Domain;

/// <summary>Where an order ships, as the shopper typed it (validated by the shared shopper API rules).</summary>
internal sealed record ShippingAddress(string? Name, string? Line1, string? Line2, string? City, string? PostalCode, string? Country);
