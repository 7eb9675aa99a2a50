using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace CloudScale.Cli.ControlPlane;

/// <summary>The control plane as tables for people: routes with live traffic per variant, owners and module modes.</summary>
internal static class RouteTables
{
    public static void Write(IAnsiConsole console, JsonObject status)
    {
        var routes = new Table().Title("routes").AddColumns(
            "capability", "modular %", "pins", "legacy req/s", "legacy err/s", "legacy p99", "modular req/s", "modular err/s", "modular p99");
        foreach (var route in status["routes"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var traffic = route["traffic"] as JsonObject;
            var pins = Count(route["shopperOverrides"]) + Count(route["groupOverrides"]);
            routes.AddRow(
                Str(route["capability"]), Number(route["modularPercent"]) + "%", pins.ToString(CultureInfo.InvariantCulture),
                Number(traffic?["legacy"]?["requestsPerSecond"]), Number(traffic?["legacy"]?["errorsPerSecond"]), Ms(traffic?["legacy"]?["p99Ms"]),
                Number(traffic?["modular"]?["requestsPerSecond"]), Number(traffic?["modular"]?["errorsPerSecond"]), Ms(traffic?["modular"]?["p99Ms"]));
        }

        console.Write(routes);
        var owners = status["owners"]?.AsArray().OfType<JsonObject>()
            .Select(o => $"{Str(o["domain"])} → {Str(o["owner"])} (epoch {Str(o["epoch"])})") ?? [];
        var modules = status["modules"]?.AsArray().OfType<JsonObject>().Select(m => $"{Str(m["module"])} {Str(m["mode"])}") ?? [];
        console.WriteLine($"owners: {string.Join(", ", owners)}");
        console.WriteLine($"modules: {string.Join(", ", modules)}");
    }

    /// <summary>One change as before → after, with the audit id it was recorded under.</summary>
    public static void WriteChange(IAnsiConsole console, string capability, JsonObject answer)
    {
        var before = answer["before"] as JsonObject;
        var after = answer["after"] as JsonObject;
        console.WriteLine(
            $"{capability}: modular {Number(before?["modularPercent"])}% → {Number(after?["modularPercent"])}%, " +
            $"pins {Count(before?["shoppers"]) + Count(before?["groups"])} → {Count(after?["shoppers"]) + Count(after?["groups"])} " +
            $"(audit #{Str(answer["auditId"])})");
        if (answer["note"] is JsonValue note)
        {
            console.WriteLine(note.ToString());
        }
    }

    private static int Count(JsonNode? node) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    private static string Str(JsonNode? node) => node?.ToString() ?? "-";

    private static string Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    private static string Ms(JsonNode? node) => node is JsonValue ? Number(node) + " ms" : "-";
}
