using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CloudScale.DevStack.Kafka;

/// <summary>
/// Gives the mock cluster a fixed bootstrap address: forwards every connection to a fixed port, byte for
/// byte, to a mock broker. Clients bootstrap here; metadata then names the brokers' own 127.0.0.1 ports, which
/// clients on this machine reach directly, so only bootstrap and metadata traffic passes through the relay.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private Task _acceptLoop = Task.CompletedTask;

    private TcpRelay(TcpListener listener) => _listener = listener;

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    public IPEndPoint? Target { get; private set; }

    /// <summary>Listens now, so a taken port fails before anything else starts; connections wait in the backlog until <see cref="Forward"/>.</summary>
    public static TcpRelay Listen(IPEndPoint endpoint)
    {
        var listener = new TcpListener(endpoint);
        // Lets a restart listen again while connections of the previous run linger in TIME_WAIT. On Linux this
        // never lets two processes listen on one port.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            listener.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException($"port {endpoint.Port} is already in use; set Kafka:Port to a free port", e);
        }

        return new TcpRelay(listener);
    }

    public void Forward(IPEndPoint target)
    {
        Target = target;
        _acceptLoop = AcceptLoopAsync(target, _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_connections.Keys);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(IPEndPoint target, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                return;
            }

            var connection = RelayAsync(client, target, stopping);
            _connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(done => _connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private static async Task RelayAsync(Socket client, IPEndPoint target, CancellationToken stopping)
    {
        using (client)
        using (var broker = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp))
        using (var connectionDone = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            try
            {
                // Kafka requests are small and latency-bound: no Nagle delay on either leg.
                client.NoDelay = true;
                broker.NoDelay = true;
                await broker.ConnectAsync(target, connectionDone.Token);
                await using var fromClient = new NetworkStream(client, ownsSocket: false);
                await using var toBroker = new NetworkStream(broker, ownsSocket: false);
                var upstream = fromClient.CopyToAsync(toBroker, connectionDone.Token);
                var downstream = toBroker.CopyToAsync(fromClient, connectionDone.Token);
                // Either side closing ends the connection for both.
                await Task.WhenAny(upstream, downstream);
                await connectionDone.CancelAsync();
                await Task.WhenAll(upstream, downstream);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // A client or broker went away; the other side sees its connection close.
            }
        }
    }
}
