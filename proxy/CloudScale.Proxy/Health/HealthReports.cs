using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudScale.Proxy.Health;

internal sealed record LivenessReport(string Status);

internal sealed record ReadinessReport(string Status, IReadOnlyList<BackendHealth> Backends)
{
    public const string Ready = "ready";
    public const string Unready = "unready";
}

internal sealed record BackendHealth(string Cluster, string Destination, string Address, bool Healthy);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LivenessReport))]
[JsonSerializable(typeof(ReadinessReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
