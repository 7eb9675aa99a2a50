namespace CloudScale.Legacy.Data;

/// <summary>Settings under <c>Legacy:Inventory</c>: the modular host's internal stock API.</summary>
internal sealed class LegacyInventoryOptions
{
    /// <summary>The modular host, e.g. <c>http://127.0.0.1:8082/</c>; only needed while Inventory owns stock.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Longest wait for one call; past it the call counts as the owner being unreachable (a 503, retryable).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
