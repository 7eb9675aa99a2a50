namespace CloudScale.Cli;

/// <summary>Reading component logs, which their servers keep appending to while we read.</summary>
internal static class LogTail
{
    public static StreamReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));

    /// <summary>Reads <paramref name="reader"/> to its end and returns the last <paramref name="count"/> lines.</summary>
    public static IReadOnlyList<string> LastLines(TextReader reader, int count)
    {
        var lines = new Queue<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Enqueue(line);
            if (lines.Count > count)
            {
                lines.Dequeue();
            }
        }

        return [.. lines];
    }

    /// <summary>The end of a component's log, formatted to precede an error line about that component.</summary>
    public static IReadOnlyList<string> Excerpt(StackLayout layout, string path, int count)
    {
        if (!File.Exists(path))
        {
            return [$"({layout.Display(path)} does not exist)"];
        }

        using var reader = Open(path);
        var lines = LastLines(reader, count);
        return lines.Count == 0
            ? [$"({layout.Display(path)} is empty)"]
            : [$"last {lines.Count} lines of {layout.Display(path)}:", .. lines.Select(line => "  " + line)];
    }
}
