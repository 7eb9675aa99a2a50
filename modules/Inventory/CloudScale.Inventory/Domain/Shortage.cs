namespace CloudScale.Inventory.Domain;

internal sealed record Shortage(Guid ProductId, int Wanted, int Available);
