namespace CloudScale.Inventory.Infrastructure.Legacy;

/// <summary>Legacy <c>GET /api/v1/inventory/{productId}</c>.</summary>
internal sealed record LegacyStockLevel(Guid ProductId, int OnHand, int Reserved, int Available);
