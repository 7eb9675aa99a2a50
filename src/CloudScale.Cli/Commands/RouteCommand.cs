using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudScale.Cli.ControlPlane;
using Spectre.Console;

namespace CloudScale.Cli.Commands;

/// <summary>
/// Ramping shoppers between legacy and the modular host, capability by capability: <c>route</c>, <c>rollback</c> and
/// <c>group</c>. Every change goes through the proxy's admin API, which audits it and reaches every proxy within a
/// second. Input is checked here first so a typo never reaches the control plane; the API checks again.
/// </summary>
internal static partial class RouteCommand
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Route(context);
        yield return Rollback(context);
        yield return Group(context);
    }

    private static Option<string> ReasonOption() => new("--reason", "-r") { Description = "Why (kept in the audit)", DefaultValueFactory = _ => "" };

    private static Command Route(CliContext context)
    {
        var capability = new Argument<string?>("capability")
        {
            Description = "checkout, payment or inventory; omit to list every route",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var value = new Argument<string?>("value")
        {
            Description = "Percent of shoppers sent to the modular host (0..100, e.g. 25 or 12.5); with --shopper/--group: modular, legacy or clear",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var shopper = new Option<string?>("--shopper") { Description = "Pin one shopper id to a variant (wins over the percentage)" };
        var group = new Option<string?>("--group") { Description = "Pin a group of shoppers (see 'cloudscale group') to a variant" };
        var reason = ReasonOption();
        var json = new Option<bool>("--json") { Description = "Print the admin API's answer as JSON" };
        var command = new Command("route", "Show routes, or send a share of shoppers (or one shopper or group) to legacy or the modular host")
        {
            capability, value, shopper, group, reason, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var cap = parse.GetValue(capability);
            var val = parse.GetValue(value);
            var who = parse.GetValue(shopper);
            var grp = parse.GetValue(group);
            var why = parse.GetValue(reason)!;
            if (cap is null)
            {
                using var reader = AdminApiClient.ForStack(context);
                var status = await reader.GetAsync("status", ct);
                Print(context, status, parse.GetValue(json), () => RouteTables.Write(context.Console, status));
                return ExitCodes.Ok;
            }

            // Everything is checked before the admin API is called: a usage error changes nothing.
            cap = ParseCapability(cap);
            HttpMethod method;
            string path;
            object body;
            if (who is not null || grp is not null)
            {
                if (who is not null && grp is not null)
                {
                    throw CliException.Usage("give --shopper or --group, not both");
                }

                var variant = ParseVariant(val);
                path = who is not null
                    ? $"routes/{cap}/shoppers/{Uri.EscapeDataString(who)}"
                    : $"routes/{cap}/groups/{Uri.EscapeDataString(grp!)}";
                (method, body) = variant is null ? (HttpMethod.Delete, new { reason = why }) : (HttpMethod.Put, (object)new { variant, reason = why });
            }
            else
            {
                (method, path, body) = (HttpMethod.Put, $"routes/{cap}", new { percent = ParsePercent(val), reason = why });
            }

            using var api = AdminApiClient.ForStack(context);
            var answer = await api.SendAsync(method, path, body, ct);
            Print(context, answer, parse.GetValue(json), () => RouteTables.WriteChange(context.Console, cap, answer));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rollback(CliContext context)
    {
        var capability = new Argument<string>("capability") { Description = "checkout, payment or inventory" };
        var reason = ReasonOption();
        var command = new Command("rollback", "Send every shopper of a capability back to legacy at once (0%; per-shopper and group pins stay)")
        {
            capability, reason,
        };
        command.SetAction(async (parse, ct) =>
        {
            var cap = ParseCapability(parse.GetValue(capability)!);
            using var api = AdminApiClient.ForStack(context);
            var answer = await api.SendAsync(HttpMethod.Post, $"routes/{cap}/rollback", new { reason = parse.GetValue(reason) }, ct);
            RouteTables.WriteChange(context.Console, cap, answer);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Group(CliContext context)
    {
        var action = new Argument<string>("action") { Description = "add or remove" };
        var group = new Argument<string>("group") { Description = "Group name, e.g. testers" };
        var shopper = new Argument<string>("shopper") { Description = "Shopper id" };
        var reason = ReasonOption();
        var command = new Command("group", "Add a shopper to a group, or remove them (route a group with 'route <capability> --group <group> modular')")
        {
            action, group, shopper, reason,
        };
        command.SetAction(async (parse, ct) =>
        {
            var method = parse.GetValue(action) switch
            {
                "add" => HttpMethod.Put,
                "remove" => HttpMethod.Delete,
                var other => throw CliException.Usage($"unknown action '{other}'; use add or remove"),
            };
            var id = parse.GetValue(shopper)!;
            var name = parse.GetValue(group)!;
            using var api = AdminApiClient.ForStack(context);
            await api.SendAsync(method, $"groups/{Uri.EscapeDataString(name)}/members/{Uri.EscapeDataString(id)}", new { reason = parse.GetValue(reason) }, ct);
            context.Console.MarkupLineInterpolated($"group [bold]{name}[/]: {(method == HttpMethod.Put ? "added" : "removed")} {id}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The capabilities as of this CLI (BuildingBlocks' Capabilities, which the CLI does not reference to stay small);
    /// the admin API is the authority and refuses any other with 400 too.
    /// </summary>
    private static readonly string[] KnownCapabilities = ["checkout", "payment", "inventory"];

    internal static string ParseCapability(string value) =>
        KnownCapabilities.FirstOrDefault(c => string.Equals(c, value.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw CliException.Usage($"unknown capability '{value}'; known: {string.Join(", ", KnownCapabilities)}");

    /// <summary>0..100 with at most two decimals, an optional trailing %; anything else is a usage error.</summary>
    internal static double ParsePercent(string? value)
    {
        if (value is null)
        {
            throw CliException.Usage("give the percent of shoppers to send to the modular host (0..100), or --shopper/--group");
        }

        var match = PercentPattern().Match(value.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || percent > 100)
        {
            throw CliException.Usage($"'{value}' is not a percentage: give a number from 0 to 100 with at most two decimals, e.g. 25 or 12.5");
        }

        return percent;
    }

    /// <summary>modular or legacy pins; clear (or none) removes the pin.</summary>
    internal static string? ParseVariant(string? value) => value switch
    {
        "modular" or "legacy" => value,
        "clear" => null,
        _ => throw CliException.Usage($"'{value}' is not a variant: use modular, legacy or clear"),
    };

    private static void Print(CliContext context, JsonObject answer, bool json, Action human)
    {
        if (json)
        {
            context.Output.WriteLine(answer.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            human();
        }
    }

    [GeneratedRegex(@"^(\d{1,3}(?:\.\d{1,2})?)%?$")]
    private static partial Regex PercentPattern();
}
