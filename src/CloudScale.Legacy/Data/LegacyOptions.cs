namespace CloudScale.Legacy.Data;

/// <summary>Settings under <c>Legacy</c>.</summary>
internal sealed class LegacyOptions
{
    /// <summary>Apply the SQL scripts in <c>migrations/legacy</c> at startup (dev and tests; production runs them as a job).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Seed the demo catalog and stock when the catalog is empty.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>How many demo products to seed.</summary>
    public int DemoProductCount { get; set; } = 300;

    /// <summary>A payment of a recorded sale still AUTHORIZED after this long was interrupted before capture.</summary>
    public TimeSpan CaptureStaleAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the capture sweeper looks for interrupted captures.</summary>
    public TimeSpan CaptureSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often held stock past its expiry is given back and owed stock commits are retried.</summary>
    public TimeSpan StockSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where legacy's stock gateway reaches the Inventory module once Inventory owns stock.</summary>
    public LegacyInventoryOptions Inventory { get; set; } = new();
}
