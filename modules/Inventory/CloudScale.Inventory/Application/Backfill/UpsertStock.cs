using CloudScale.BuildingBlocks.Modules;

namespace CloudScale.Inventory.Application.Backfill;

/// <summary>One transaction of the backfill: insert the new products, correct on hand where it differs.</summary>
internal sealed record UpsertStock(IReadOnlyList<LegacyStock> Stock) : ICommand<UpsertOutcome>;

internal sealed record UpsertOutcome(int Inserted, int Updated, int Unchanged, IReadOnlyList<Guid> Conflicts);
