namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// Stable problem codes for bad control-plane input; the admin API and the CLI show them verbatim, so they never
/// change once shipped.
/// </summary>
public static class ControlPlaneErrors
{
    public const string UnknownCapability = "unknown_capability";
    public const string InvalidPercentage = "invalid_percentage";
    public const string InvalidVariant = "invalid_variant";
    public const string InvalidShopperId = "invalid_shopper_id";
    public const string InvalidGroup = "invalid_group";

    /// <summary>Every change names who made it (the audit is useless without); the reason may be empty.</summary>
    public const string InvalidActor = "invalid_actor";

    /// <summary>Audit page size outside 1..<see cref="ControlPlaneStore.MaxAuditLimit"/>.</summary>
    public const string InvalidLimit = "invalid_limit";
}
