using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// A route flag ⇄ one element of Microsoft Feature Management's <c>feature_management.feature_flags</c> array. Every
/// route flag uses the same seed, so a shopper's percentile is the same for every capability and ramps nest; the
/// modular range is always [0, P), so raising P only ever adds shoppers to modular.
/// </summary>
internal static class RouteFlagJson
{
    /// <summary>Shared by all route flags (see the type summary); changing it would reshuffle every shopper.</summary>
    public const string Seed = "cloudscale.route";

    /// <summary>The flag as stored in <c>control.feature_flags.definition</c>.</summary>
    public static string Build(
        string flagName,
        double modularPercent,
        IReadOnlyDictionary<string, string> shoppers,
        IReadOnlyDictionary<string, string> groups)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", flagName);
            json.WriteBoolean("enabled", true);
            json.WriteStartArray("variants");
            foreach (var variant in (string[])[RouteVariants.Legacy, RouteVariants.Modular])
            {
                json.WriteStartObject();
                json.WriteString("name", variant);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("allocation");
            json.WriteString("default_when_enabled", RouteVariants.Legacy);
            json.WriteString("default_when_disabled", RouteVariants.Legacy);
            WriteOverrides(json, "user", "users", shoppers);
            WriteOverrides(json, "group", "groups", groups);
            json.WriteStartArray("percentile");
            if (modularPercent > 0)
            {
                WritePercentile(json, RouteVariants.Modular, 0, modularPercent);
            }

            if (modularPercent < 100)
            {
                WritePercentile(json, RouteVariants.Legacy, modularPercent, 100);
            }

            json.WriteEndArray();
            json.WriteString("seed", Seed);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Reads back what <see cref="Build"/> wrote (and tolerates hand edits): the modular share is the end of the
    /// modular range that starts at 0; overrides are read per variant, unknown variants ignored.
    /// </summary>
    public static (double ModularPercent, Dictionary<string, string> Shoppers, Dictionary<string, string> Groups) Parse(string definition)
    {
        using var document = JsonDocument.Parse(definition);
        var root = document.RootElement;
        var shoppers = new Dictionary<string, string>(StringComparer.Ordinal);
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        double percent = 0;
        var enabled = !root.TryGetProperty("enabled", out var enabledElement) || enabledElement.ValueKind != JsonValueKind.False;
        if (!enabled || !root.TryGetProperty("allocation", out var allocation) || allocation.ValueKind != JsonValueKind.Object)
        {
            return (0, shoppers, groups);
        }

        ReadOverrides(allocation, "user", "users", shoppers);
        ReadOverrides(allocation, "group", "groups", groups);
        if (allocation.TryGetProperty("percentile", out var percentiles) && percentiles.ValueKind == JsonValueKind.Array)
        {
            foreach (var range in percentiles.EnumerateArray())
            {
                if (Text(range, "variant") == RouteVariants.Modular && Number(range, "from") == 0)
                {
                    percent = Math.Clamp(Number(range, "to") ?? 0, 0, 100);
                }
            }
        }

        return (percent, shoppers, groups);
    }

    private static void WriteOverrides(Utf8JsonWriter json, string name, string listName, IReadOnlyDictionary<string, string> overrides)
    {
        json.WriteStartArray(name);
        foreach (var variant in (string[])[RouteVariants.Modular, RouteVariants.Legacy])
        {
            var members = overrides.Where(o => o.Value == variant).Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("variant", variant);
            json.WriteStartArray(listName);
            foreach (var member in members)
            {
                json.WriteStringValue(member);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WritePercentile(Utf8JsonWriter json, string variant, double from, double to)
    {
        json.WriteStartObject();
        json.WriteString("variant", variant);
        json.WriteNumber("from", from);
        json.WriteNumber("to", to);
        json.WriteEndObject();
    }

    private static void ReadOverrides(JsonElement allocation, string name, string listName, Dictionary<string, string> into)
    {
        if (!allocation.TryGetProperty(name, out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var entry in entries.EnumerateArray())
        {
            var variant = Text(entry, "variant");
            if (!RouteVariants.IsValid(variant) || !entry.TryGetProperty(listName, out var members) || members.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var member in members.EnumerateArray())
            {
                if (member.ValueKind == JsonValueKind.String)
                {
                    into[member.GetString()!] = variant!;
                }
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static double? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }
}
