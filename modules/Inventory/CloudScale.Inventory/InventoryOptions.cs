using CloudScale.Inventory.Domain;

namespace CloudScale.Inventory;

/// <summary>Settings under configuration section <c>Inventory</c>.</summary>
internal sealed class InventoryOptions
{
    public const string SectionName = "Inventory";

    /// <summary>How long a hold lasts when the caller does not say (ReserveStock.HoldFor null).</summary>
    public TimeSpan ReservationTtl { get; set; } = ReservationLimits.DefaultHold;

    /// <summary>How often the expiry sweeper looks for holds past their expiry.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reservations expired per transaction by the sweeper.</summary>
    public int SweepBatchSize { get; set; } = 100;

    public LegacyApiOptions Legacy { get; set; } = new();
}
