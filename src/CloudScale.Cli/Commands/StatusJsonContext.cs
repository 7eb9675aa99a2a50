using System.Text.Json.Serialization;
using CloudScale.Cli.Components;

namespace CloudScale.Cli.Commands;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<ComponentStatus>))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
