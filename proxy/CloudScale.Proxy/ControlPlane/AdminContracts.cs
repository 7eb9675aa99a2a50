using System.Text.Json;
using System.Text.Json.Serialization;
using CloudScale.BuildingBlocks.Control;
using CloudScale.Proxy.Metrics;

namespace CloudScale.Proxy.ControlPlane;

internal sealed record RoutePercentBody(double? Percent, string? Reason);

internal sealed record RouteVariantBody(string? Variant, string? Reason);

internal sealed record ReasonBody(string? Reason);

internal sealed record CutoverBody(string? To, string? Reason);

/// <summary><c>before</c> and <c>after</c> of a route change: the flag as the store returns it, plus its flag name.</summary>
internal sealed record RouteView(
    string Capability,
    string Flag,
    double ModularPercent,
    IReadOnlyDictionary<string, string> Shoppers,
    IReadOnlyDictionary<string, string> Groups,
    long Version,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy)
{
    public static RouteView Of(RouteFlag flag) => new(
        flag.Capability, Capabilities.FlagName(flag.Capability), flag.ModularPercent, flag.Shoppers, flag.Groups,
        flag.Version, flag.UpdatedAt, flag.UpdatedBy);
}

internal sealed record RouteChange(RouteView Before, RouteView After, long AuditId, string? Note);

internal sealed record GroupMemberChange(string Group, string ShopperId, bool Member);

internal sealed record RouteTraffic(TrafficSnapshot Legacy, TrafficSnapshot Modular);

internal sealed record RouteStatus(
    string Capability,
    string Flag,
    double ModularPercent,
    IReadOnlyDictionary<string, string> ShopperOverrides,
    IReadOnlyDictionary<string, string> GroupOverrides,
    long Version,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    RouteTraffic Traffic);

internal sealed record OwnerStatus(string Domain, string Owner, long Epoch);

internal sealed record ModuleStatus(string Module, string Mode);

internal sealed record ControlPlaneStatus(
    IReadOnlyList<RouteStatus> Routes,
    IReadOnlyList<OwnerStatus> Owners,
    IReadOnlyList<ModuleStatus> Modules,
    ControlPlaneFlagsStatus? Flags);

internal sealed record AuditView(
    long AuditId,
    string Subject,
    DateTimeOffset ChangedAt,
    string ChangedBy,
    string Reason,
    JsonElement? Before,
    JsonElement? After)
{
    public static AuditView Of(AuditEntry entry) => new(
        entry.AuditId, entry.Subject, entry.ChangedAt, entry.ChangedBy, entry.Reason, Json(entry.Before), Json(entry.After));

    // The store keeps before/after as jsonb; the caller gets them as JSON, not as strings to parse again.
    private static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RoutePercentBody))]
[JsonSerializable(typeof(RouteVariantBody))]
[JsonSerializable(typeof(ReasonBody))]
[JsonSerializable(typeof(CutoverBody))]
[JsonSerializable(typeof(StockCutoverReport))]
[JsonSerializable(typeof(RouteChange))]
[JsonSerializable(typeof(GroupMemberChange))]
[JsonSerializable(typeof(ControlPlaneStatus))]
[JsonSerializable(typeof(IReadOnlyList<AuditView>))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
