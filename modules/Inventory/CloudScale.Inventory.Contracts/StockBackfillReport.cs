namespace CloudScale.Inventory.Contracts;

/// <summary>
/// What one run of the stock backfill from the legacy monolith did. <see cref="Conflicts"/> are products whose
/// legacy on-hand count is below what Inventory's own reservations hold; they were left unchanged.
/// </summary>
/// <param name="Products">Products read from the legacy API.</param>
public sealed record StockBackfillReport(int Products, int Inserted, int Updated, int Unchanged, IReadOnlyList<Guid> Conflicts, TimeSpan Took);
