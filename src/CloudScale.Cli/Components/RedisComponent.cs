using System.Net;
using System.Net.Sockets;
using System.Text;
using CloudScale.Cli.Processes;

namespace CloudScale.Cli.Components;

internal sealed class RedisComponent : IComponent
{
    private readonly StackLayout _layout;
    private readonly ProcessRunner _processes;
    private readonly TrackedProcess _process;

    public RedisComponent(StackLayout layout, ProcessRunner processes)
    {
        _layout = layout;
        _processes = processes;
        // The port tells ours from a system Redis, both in our arguments and once redis-server has retitled
        // itself "redis-server 127.0.0.1:<port>".
        _process = new TrackedProcess(layout.PidFile(Name), ["redis-server", $"{Port}"]);
    }

    public string Name => "redis";

    public int Port => 56379;

    public string Url => $"redis://127.0.0.1:{Port}";

    /// <summary>host:port, the form Redis clients are configured with.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public int? FindRunningPid() => _process.FindRunning();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Executables.IsOnPath("redis-server"))
        {
            throw new CliException("redis-server is not on PATH; ./cloudscale installs it (Debian package redis-server)");
        }

        Directory.CreateDirectory(_layout.RedisDir);
        var pid = await _processes.SpawnDetachedAsync(
            [
                "redis-server", "--port", $"{Port}", "--bind", "127.0.0.1", "--dir", _layout.RedisDir,
                "--save", "60", "1", "--appendonly", "no", "--daemonize", "no",
            ],
            _layout.LogFile(Name),
            _layout.RedisDir,
            cancellationToken);
        _process.Record(pid);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _process.StopAsync(cancellationToken);

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var reply = new StringBuilder();
            var buffer = new byte[64];
            while (!reply.ToString().Contains('\n'))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return reply.ToString().StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
