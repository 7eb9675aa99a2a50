using CloudScale.Checkout.Domain;

namespace CloudScale.Checkout.Application;

/// <summary>Product data from whichever catalog serves it (today the legacy monolith's HTTP API).</summary>
internal interface ICatalog
{
    /// <summary>The product, or null when the catalog has none with that id.</summary>
    Task<Product?> FindAsync(Guid productId, CancellationToken cancellationToken);
}
