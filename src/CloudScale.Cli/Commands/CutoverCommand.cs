using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudScale.Cli.ControlPlane;
using Spectre.Console;

namespace CloudScale.Cli.Commands;

/// <summary>
/// Moves data ownership between legacy and a module: today stock (<c>cutover inventory</c> hands it to the Inventory
/// module, <c>--back</c> returns it to legacy). The proxy's control plane freezes stock writes on both sides, copies
/// and verifies quantities and open reservations, flips the owner and unfreezes, in one transaction; this prints what
/// it copied and how long writes were paused.
/// </summary>
internal static class CutoverCommand
{
    private static readonly string[] Domains = ["inventory"];

    public static Command Create(CliContext context)
    {
        var domain = new Argument<string>("module") { Description = $"Whose data changes hands: {string.Join(", ", Domains)}" };
        var back = new Option<bool>("--back") { Description = "Give ownership back to legacy" };
        var reason = new Option<string>("--reason", "-r") { Description = "Why (kept in the audit)", DefaultValueFactory = _ => "" };
        var json = new Option<bool>("--json") { Description = "Print the cutover report as JSON" };
        var command = new Command("cutover", "Move stock ownership from legacy to the Inventory module (or --back), pausing stock writes briefly")
        {
            domain, back, reason, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var module = parse.GetValue(domain)!;
            if (!Domains.Contains(module))
            {
                throw CliException.Usage($"unknown module '{module}'; known: {string.Join(", ", Domains)}");
            }

            var to = parse.GetValue(back) ? "legacy" : "inventory";
            using var api = AdminApiClient.ForStack(context);
            var report = await api.SendAsync(HttpMethod.Post, "owners/stock/cutover", new { to, reason = parse.GetValue(reason) }, ct);
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }

            Write(context, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(CliContext context, JsonObject report)
    {
        string V(string name) => report[name]?.ToString() ?? "-";
        string Ms(string name) => report[name] is JsonValue value && value.TryGetValue<double>(out var ms)
            ? ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms"
            : "-";
        if (report["changed"]?.GetValue<bool>() != true)
        {
            context.Console.WriteLine(V("note"));
            return;
        }

        context.Console.WriteLine($"stock: {V("from")} → {V("to")} (epoch {V("epoch")})");
        context.Console.WriteLine(
            $"copied {V("products")} products ({V("productsChanged")} changed), {V("reservations")} reservations ({V("heldReservations")} open holds), " +
            $"{V("reservationsSuperseded")} stale holds ended on the new owner");
        context.Console.WriteLine($"stock writes paused {Ms("writePauseMs")} (after waiting {Ms("drainMs")} for writes under way)");
    }
}
