namespace CloudScale.Inventory;

/// <summary>
/// The legacy monolith's HTTP API (section <c>Inventory:Legacy</c>): read by the stock backfill, and called for every
/// stock read and write while legacy owns stock (its internal stock API).
/// </summary>
internal sealed class LegacyApiOptions
{
    /// <summary>E.g. <c>http://localhost:8081</c>; needed for the backfill and whenever legacy owns stock.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Stock reads in flight at once.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>Products per catalogue page (the legacy API allows 1..100); also the rows upserted per transaction.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The backfill's per-request timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Per-call timeout of the internal stock API while legacy owns stock: a checkout waits on it, so it is short;
    /// past it the caller gets 503 <c>stock_owner_unavailable</c> and may retry under the same reservation id.
    /// </summary>
    public TimeSpan StockTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
