using Spectre.Console;

namespace CloudScale.Cli.Components;

/// <summary>
/// One CLI at a time may start or stop components: two overlapping `up`s would otherwise both see a component
/// stopped, both start it, and leave one copy unrecorded. An exclusive open is an advisory lock (flock) on Linux,
/// released by the kernel if the holder dies.
/// </summary>
internal sealed class StackLock : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly FileStream _lock;

    private StackLock(FileStream @lock) => _lock = @lock;

    public static async Task<StackLock> AcquireAsync(StackLayout layout, IAnsiConsole console, CancellationToken cancellationToken)
    {
        layout.EnsureCreated();
        var path = Path.Combine(layout.RunDir, "cloudscale.lock");
        var waited = false;
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new StackLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!waited)
                {
                    console.MarkupLine("waiting for another ./cloudscale command to finish starting or stopping the stack…");
                    waited = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (IOException)
            {
                throw new CliException($"another ./cloudscale command has held {layout.Display(path)} for {Patience.TotalMinutes:0} minutes; is one stuck?");
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
