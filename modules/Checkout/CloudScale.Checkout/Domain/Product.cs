namespace CloudScale.Checkout.Domain;

/// <summary>What Checkout needs to know about a product, whatever catalog it came from.</summary>
internal sealed record Product(Guid ProductId, string Sku, string Name, long PriceCents, string Currency);
