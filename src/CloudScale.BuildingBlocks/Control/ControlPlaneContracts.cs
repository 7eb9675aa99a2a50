namespace CloudScale.BuildingBlocks.Control;

/// <summary>The capabilities the proxy routes by flag, and the flag each is routed by (<c>Route.Checkout</c> …).</summary>
public static class Capabilities
{
    public const string Checkout = "checkout";
    public const string Payment = "payment";
    public const string Inventory = "inventory";

    public static IReadOnlyList<string> All { get; } = [Checkout, Payment, Inventory];

    /// <summary>Accepts a capability name in any case, surrounding blanks ignored.</summary>
    public static bool TryParse(string? value, out string capability)
    {
        capability = All.FirstOrDefault(c => string.Equals(c, value?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? "";
        return capability.Length > 0;
    }

    public static string FlagName(string capability) => "Route." + char.ToUpperInvariant(capability[0]) + capability[1..];
}

/// <summary>Where a route flag sends a shopper.</summary>
public static class RouteVariants
{
    public const string Legacy = "legacy";
    public const string Modular = "modular";

    public static bool IsValid(string? value) => value is Legacy or Modular;
}

/// <summary>Who changes the control plane, and why; both land in <c>control.change_audit</c>.</summary>
public sealed record ChangeActor(string Who, string Reason);

/// <summary>
/// One capability's route flag as migration engineers think of it: the share of shoppers sent to the modular host
/// (percentile allocation over the shopper id, so raising it never moves a shopper back) and the overrides that win
/// over it, per shopper and per group.
/// </summary>
public sealed record RouteFlag(
    string Capability,
    double ModularPercent,
    IReadOnlyDictionary<string, string> Shoppers,
    IReadOnlyDictionary<string, string> Groups,
    long Version,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy);

public sealed record ChangeResult<T>(T Before, T After, long AuditId);

public sealed record AuditEntry(long AuditId, string Subject, DateTimeOffset ChangedAt, string ChangedBy, string Reason, string? Before, string? After);

/// <summary>
/// Reads and changes route flags and groups. Every change is one transaction: the flag row locked, rewritten in
/// Microsoft Feature Management's schema, audited (who, when, before, after, reason) and announced with NOTIFY.
/// Bad input (unknown capability, percentage outside 0–100, unknown variant, invalid shopper id or group name)
/// throws an <c>ApiException</c> (400, stable code) and changes nothing.
/// </summary>
public interface IControlPlaneStore
{
    Task<IReadOnlyList<RouteFlag>> GetRoutesAsync(CancellationToken cancellationToken);

    Task<RouteFlag> GetRouteAsync(string capability, CancellationToken cancellationToken);

    Task<ChangeResult<RouteFlag>> SetRoutePercentAsync(string capability, double modularPercent, ChangeActor actor, CancellationToken cancellationToken);

    /// <summary><paramref name="variant"/> null removes the shopper's override.</summary>
    Task<ChangeResult<RouteFlag>> SetShopperOverrideAsync(string capability, string shopperId, string? variant, ChangeActor actor, CancellationToken cancellationToken);

    /// <summary><paramref name="variant"/> null removes the group's override.</summary>
    Task<ChangeResult<RouteFlag>> SetGroupOverrideAsync(string capability, string group, string? variant, ChangeActor actor, CancellationToken cancellationToken);

    Task SetGroupMemberAsync(string group, string shopperId, bool member, ChangeActor actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>Evaluates a capability's route flag for one shopper from the flags this instance has loaded.</summary>
public interface IRouteDecider
{
    /// <summary><see cref="RouteVariants.Legacy"/> or <see cref="RouteVariants.Modular"/>; legacy whenever the flag is missing or unreadable.</summary>
    ValueTask<string> DecideAsync(string capability, string shopperId, CancellationToken cancellationToken);
}
