namespace CloudScale.Inventory.Domain;

/// <summary>The bounds a reservation request must keep; the validator and the options check use the same numbers.</summary>
internal static class ReservationLimits
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 999;
    public const int MaxLines = 100;
    public const int MaxReferenceLength = 200;
    public const int MaxReasonLength = 100;
    public static readonly TimeSpan MinHold = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxHold = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultHold = TimeSpan.FromMinutes(10);
}
