using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using CloudScale.BuildingBlocks.Kafka;
using Confluent.Kafka;

namespace CloudScale.DevStack.Kafka;

/// <summary>What <c>GET /readyz</c> reports.</summary>
internal sealed record BrokerHealth(bool Healthy, string Bootstrap, string? Reason = null, double? CheckMs = null);

/// <summary>
/// Proves the dev broker serves clients the way services use it: a Kafka ApiVersions request over a new
/// connection to the fixed bootstrap port (so it crosses the relay every time), then a heartbeat message
/// produced and consumed back through clients bootstrapped at that port.
/// </summary>
internal sealed class BrokerHealthCheck : IDisposable
{
    private const short ApiVersionsKey = 18;
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(1500);

    private readonly MockCluster _cluster;
    private readonly TcpRelay _relay;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lazy<IProducer<byte[], byte[]>> _producer;
    private readonly Lazy<IConsumer<byte[], byte[]>> _consumer;

    public BrokerHealthCheck(MockCluster cluster, TcpRelay relay, ILoggerFactory loggerFactory)
    {
        _cluster = cluster;
        _relay = relay;
        var clients = new KafkaClientFactory(
            new KafkaOptions { BootstrapServers = Bootstrap, ClientId = "cloudscale-devstack-health", FetchWaitMaxMs = 1 },
            loggerFactory);
        _producer = new Lazy<IProducer<byte[], byte[]>>(() =>
        {
            var config = clients.ProducerConfig();
            config.MessageTimeoutMs = (int)Timeout.TotalMilliseconds;
            config.LingerMs = 0;
            return clients.CreateProducer(config);
        });
        // Assigned, never subscribed: the client requires a group id, but no group is joined.
        _consumer = new Lazy<IConsumer<byte[], byte[]>>(() => clients.CreateConsumer(clients.ConsumerConfig("cloudscale.devstack.health")));
    }

    private string Bootstrap => _relay.Endpoint.ToString();

    public async Task<BrokerHealth> CheckAsync(CancellationToken cancellationToken)
    {
        if (!_cluster.IsRunning)
        {
            return new BrokerHealth(false, Bootstrap, "the mock cluster is not running");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var elapsed = Stopwatch.StartNew();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await RequestApiVersionsThroughRelayAsync(timeout.Token);
            await RoundTripAsync(timeout.Token);
            return new BrokerHealth(true, Bootstrap, CheckMs: Math.Round(elapsed.Elapsed.TotalMilliseconds, 1));
        }
        catch (Exception e) when (e is KafkaException or TimeoutException or SocketException or IOException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new BrokerHealth(false, Bootstrap, e is OperationCanceledException ? $"no answer within {Timeout.TotalMilliseconds:0} ms" : e.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        if (_consumer.IsValueCreated)
        {
            _consumer.Value.Dispose();
        }

        if (_producer.IsValueCreated)
        {
            _producer.Value.Dispose();
        }

        _gate.Dispose();
    }

    /// <summary>ApiVersions v0, the first request every Kafka client sends: header only, no body.</summary>
    private async Task RequestApiVersionsThroughRelayAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_relay.Endpoint, cancellationToken);
        var stream = client.GetStream();

        const int correlationId = 0x5eed;
        var clientId = "cloudscale-devstack-health"u8;
        var request = new byte[4 + 2 + 2 + 4 + 2 + clientId.Length];
        BinaryPrimitives.WriteInt32BigEndian(request, request.Length - 4);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(4), ApiVersionsKey);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(6), 0);
        BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(8), correlationId);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(12), (short)clientId.Length);
        clientId.CopyTo(request.AsSpan(14));
        await stream.WriteAsync(request, cancellationToken);

        // Response: size, correlation id, error code, then the supported API ranges we do not need.
        var response = new byte[4 + 4 + 2];
        await stream.ReadExactlyAsync(response, cancellationToken);
        var echoed = BinaryPrimitives.ReadInt32BigEndian(response.AsSpan(4));
        var error = BinaryPrimitives.ReadInt16BigEndian(response.AsSpan(8));
        if (echoed != correlationId || error != 0)
        {
            throw new IOException($"port {_relay.Endpoint.Port} answered ApiVersions with correlation id {echoed} and error code {error}");
        }
    }

    private async Task RoundTripAsync(CancellationToken cancellationToken)
    {
        var payload = Guid.NewGuid().ToByteArray();
        var delivered = await _producer.Value.ProduceAsync(
            new TopicPartition(TopicDeclarations.HeartbeatTopic, 0), new Message<byte[], byte[]> { Value = payload }, cancellationToken);
        await Task.Run(() => ConsumeBack(delivered.TopicPartitionOffset, payload, cancellationToken), cancellationToken);
    }

    private void ConsumeBack(TopicPartitionOffset heartbeat, byte[] payload, CancellationToken cancellationToken)
    {
        var consumer = _consumer.Value;
        consumer.Assign(heartbeat);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(50)) is { } result && result.Message.Value.AsSpan().SequenceEqual(payload))
            {
                return;
            }
        }

        throw new TimeoutException($"the heartbeat produced to {heartbeat} did not come back within {Timeout.TotalMilliseconds:0} ms");
    }
}
