using System.CommandLine;

namespace CloudScale.Cli.Commands;

/// <summary>Data moves between legacy and the modules that migration engineers start by hand.</summary>
internal static class DbCommand
{
    private static readonly string[] Domains = ["inventory"];

    public static Command Create(CliContext context)
    {
        var domain = new Argument<string>("domain") { Description = $"What to copy from legacy: {string.Join(", ", Domains)}" };
        var backfill = new Command(
            "backfill",
            "Copy data the legacy monolith owns into a module (batch, idempotent; prints what it inserted, updated and left alone)")
        {
            domain,
        };
        backfill.SetAction((parseResult, cancellationToken) => BackfillAsync(context, parseResult.GetValue(domain)!, cancellationToken));
        return new Command("db", "Move and check data between legacy and the modules") { backfill };
    }

    private static async Task<int> BackfillAsync(CliContext context, string domain, CancellationToken cancellationToken)
    {
        if (!Domains.Contains(domain))
        {
            throw CliException.Usage($"unknown domain '{domain}'; known: {string.Join(", ", Domains)}");
        }

        var stack = context.Stack;
        var supervisor = context.CreateSupervisor(context.ErrorConsole);
        try
        {
            // The copy reads legacy over its API and writes through the Inventory module, with the host's own settings.
            await supervisor.UpAsync([stack.Postgres, stack.Redis, stack.Kafka, stack.SchemaRegistry, stack.Legacy], cancellationToken);
            var exitCode = await context.Processes.RunAttachedAsync(
                "dotnet", [stack.Host.DllPath, "backfill", domain], context.Layout.RepoRoot, cancellationToken,
                new Dictionary<string, string>(stack.Host.Settings()) { ["Logging__LogLevel__Default"] = "Warning" });
            return exitCode == 0 ? ExitCodes.Ok : throw new CliException($"the {domain} backfill failed (exit code {exitCode}); see the lines above");
        }
        finally
        {
            await supervisor.StopStartedAsync();
        }
    }
}
