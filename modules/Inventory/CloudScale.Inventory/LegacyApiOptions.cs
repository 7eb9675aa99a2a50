namespace CloudScale.Inventory;

/// <summary>The legacy monolith's HTTP API, read by the stock backfill (section <c>Inventory:Legacy</c>).</summary>
internal sealed class LegacyApiOptions
{
    /// <summary>E.g. <c>http://localhost:8081</c>; needed only when the backfill runs.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Stock reads in flight at once.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>Products per catalogue page (the legacy API allows 1..100); also the rows upserted per transaction.</summary>
    public int PageSize { get; set; } = 100;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
