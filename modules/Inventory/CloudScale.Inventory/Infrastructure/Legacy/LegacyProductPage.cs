namespace CloudScale.Inventory.Infrastructure.Legacy;

/// <summary>Legacy <c>GET /api/v1/products</c>; only what the backfill needs is read (other fields are ignored).</summary>
internal sealed record LegacyProductPage(IReadOnlyList<LegacyProductRef> Items, int Page, int PageSize, long TotalCount);

internal sealed record LegacyProductRef(Guid ProductId);
