namespace CloudScale.Inventory.Application.Backfill;

/// <summary>
/// A legacy product's units on the shelf. Legacy's own reserved count is not carried over: it counts legacy
/// checkouts' holds, which Inventory does not manage.
/// </summary>
internal sealed record LegacyStock(Guid ProductId, int OnHand);
