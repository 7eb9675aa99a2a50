using System.CommandLine;

namespace CloudScale.Cli.Commands;

internal static class LogsCommand
{
    private static readonly TimeSpan FollowPollInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create(CliContext context)
    {
        var component = new Argument<string>("component") { Description = "A component name, as 'status' lists them" };
        var lines = new Option<int>("--lines", "-n")
        {
            Description = "How many lines to print from the end of the log",
            DefaultValueFactory = _ => 100,
        };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C" };
        var command = new Command("logs", "Print the end of a component's log (.cloudscale/logs/<component>.log)")
        {
            component,
            lines,
            follow,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            parseResult.GetRequiredValue(component),
            parseResult.GetValue(lines),
            parseResult.GetValue(follow),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string name, int lineCount, bool follow, CancellationToken cancellationToken)
    {
        if (lineCount < 0)
        {
            throw CliException.Usage($"--lines must be 0 or more, got {lineCount}");
        }

        var path = context.Layout.LogFile(context.Stack.Find(name).Name);
        if (!File.Exists(path))
        {
            throw new CliException($"{name} has no log yet: {context.Layout.Display(path)} does not exist; './cloudscale up' creates it");
        }

        using var reader = LogTail.Open(path);
        foreach (var line in LogTail.LastLines(reader, lineCount))
        {
            await context.Output.WriteLineAsync(line);
        }

        if (follow)
        {
            await FollowAsync(reader, context.Output, cancellationToken);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Copies raw chunks rather than lines, so a line the server is still writing is not split in two.</summary>
    private static async Task FollowAsync(StreamReader reader, TextWriter output, CancellationToken cancellationToken)
    {
        var buffer = new char[8192];
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(buffer, cancellationToken);
                if (read > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    await output.FlushAsync(cancellationToken);
                    continue;
                }

                if (reader.BaseStream.Length < reader.BaseStream.Position)
                {
                    // Truncated under us: start again from its new beginning.
                    reader.BaseStream.Position = 0;
                    reader.DiscardBufferedData();
                }

                await Task.Delay(FollowPollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C is how following ends.
        }
    }
}
