namespace CloudScale.Inventory.Application.Backfill;

/// <summary>Stock as the legacy monolith knows it, in Inventory's terms (the anti-corruption boundary).</summary>
internal interface ILegacyStockSource
{
    /// <summary>Every product id of the legacy catalogue, page by page.</summary>
    IAsyncEnumerable<IReadOnlyList<Guid>> ProductPagesAsync(CancellationToken cancellationToken);

    /// <summary>The product's stock, or null when legacy no longer knows it.</summary>
    Task<LegacyStock?> StockAsync(Guid productId, CancellationToken cancellationToken);
}
