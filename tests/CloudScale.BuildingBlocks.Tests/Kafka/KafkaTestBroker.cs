using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

/// <summary>
/// The Kafka dev broker that <c>./cloudscale test</c> runs (CLOUDSCALE_TEST_KAFKA). Every test uses topics and
/// consumer groups of its own; producers auto-create the topics.
/// </summary>
internal static class KafkaTestBroker
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Dev settings: short fetch waits, and a session timeout that keeps the mock's rebalances at 5 s.</summary>
    public static KafkaClientFactory Clients(ILoggerFactory? loggerFactory = null) => new(
        new KafkaOptions
        {
            BootstrapServers = TestInfrastructure.KafkaBootstrap,
            ClientId = "cloudscale-tests",
            FetchWaitMaxMs = 5,
            SessionTimeoutMs = 6000,
        },
        loggerFactory);

    public static string NewTopic(string purpose) => $"test.{purpose}.{Guid.NewGuid():N}";

    public static string NewGroup(string purpose) => $"test.{purpose}.{Guid.NewGuid():N}";

    public static async Task ProduceAsync(string topic, IEnumerable<Message<byte[], byte[]>> messages)
    {
        using var producer = Clients().CreateProducer();
        foreach (var message in messages)
        {
            // One at a time keeps the test's order the log's order, whatever the producer's batching.
            await producer.ProduceAsync(topic, message);
        }
    }

    public static IReadOnlyList<TopicPartition> PartitionsOf(string topic)
    {
        KafkaNative.EnsureLoaded();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = TestInfrastructure.KafkaBootstrap }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();
        return metadata.Error.IsError
            ? throw new InvalidOperationException($"topic {topic}: {metadata.Error.Reason}")
            : [.. metadata.Partitions.Select(partition => new TopicPartition(topic, partition.PartitionId))];
    }

    /// <summary>Reads <paramref name="count"/> messages of every partition from the start, without joining a group.</summary>
    public static IReadOnlyList<ConsumeResult<byte[], byte[]>> ReadAll(string topic, int count) =>
        Read(topic, (read, _) => read >= count);

    /// <summary>
    /// Reads every partition from the start until at least <paramref name="atLeast"/> messages arrived and nothing
    /// more came for a second: for logs whose exact length a test cannot know (a crash may add duplicates).
    /// </summary>
    public static IReadOnlyList<ConsumeResult<byte[], byte[]>> ReadUntilIdle(string topic, int atLeast) =>
        Read(topic, (read, idle) => read >= atLeast && idle >= TimeSpan.FromSeconds(1));

    private static List<ConsumeResult<byte[], byte[]>> Read(string topic, Func<int, TimeSpan, bool> done)
    {
        var clients = Clients();
        using var consumer = clients.CreateConsumer(clients.ConsumerConfig(NewGroup("reader")));
        consumer.Assign(PartitionsOf(topic).Select(partition => new TopicPartitionOffset(partition, Offset.Beginning)));
        var read = new List<ConsumeResult<byte[], byte[]>>();
        var elapsed = Stopwatch.StartNew();
        var idle = Stopwatch.StartNew();
        while (elapsed.Elapsed < Patience && !done(read.Count, idle.Elapsed))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                read.Add(result);
                idle.Restart();
            }
        }

        return read;
    }

    /// <summary>The group's committed offset per partition (-1001, Offset.Unset, when nothing is committed).</summary>
    public static IReadOnlyDictionary<int, long> CommittedOffsets(string groupId, string topic)
    {
        var clients = Clients();
        using var consumer = clients.CreateConsumer(clients.ConsumerConfig(groupId));
        return consumer.Committed(PartitionsOf(topic), TimeSpan.FromSeconds(10))
            .ToDictionary(committed => committed.Partition.Value, committed => committed.Offset.Value);
    }

    public static IReadOnlyDictionary<int, long> EndOffsets(string topic)
    {
        var clients = Clients();
        using var consumer = clients.CreateConsumer(clients.ConsumerConfig(NewGroup("watermarks")));
        return PartitionsOf(topic).ToDictionary(
            partition => partition.Partition.Value,
            partition => consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value);
    }

    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed > Patience)
            {
                throw new TimeoutException($"{what} did not happen within {Patience.TotalSeconds:0} s");
            }

            await Task.Delay(50);
        }
    }
}

/// <summary>A handler whose behaviour each test supplies; records every message it completed, in order.</summary>
internal sealed class RecordingHandler(Func<ConsumeResult<byte[], byte[]>, int, Task>? behaviour = null) : IKafkaMessageHandler
{
    private readonly ConcurrentDictionary<long, int> _attempts = new();

    public ConcurrentQueue<ConsumeResult<byte[], byte[]>> Handled { get; } = new();

    /// <summary>Attempts so far per (partition, offset).</summary>
    public int AttemptsAt(int partition, long offset) => _attempts.GetValueOrDefault(((long)partition << 48) | offset);

    public async Task HandleAsync(ConsumeResult<byte[], byte[]> message, CancellationToken cancellationToken)
    {
        var attempt = _attempts.AddOrUpdate(((long)message.Partition.Value << 48) | message.Offset.Value, 1, (_, previous) => previous + 1);
        if (behaviour is not null)
        {
            await behaviour(message, attempt);
        }

        Handled.Enqueue(message);
    }
}

/// <summary>A running <see cref="KafkaConsumerWorker"/>; disposing stops it (closing its consumer leaves the group).</summary>
internal sealed class RunningWorker : IAsyncDisposable
{
    private readonly KafkaConsumerWorker _worker;
    private readonly ServiceProvider _services;

    private RunningWorker(KafkaConsumerWorker worker, ServiceProvider services)
    {
        _worker = worker;
        _services = services;
    }

    /// <summary>Runs <paramref name="handler"/> itself on every attempt (the worker's scopes hold nothing).</summary>
    public static async Task<RunningWorker> StartAsync(
        KafkaConsumerSettings settings, IKafkaMessageHandler handler, ILogger<KafkaConsumerWorker>? logger = null)
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var worker = new KafkaConsumerWorker(
            KafkaTestBroker.Clients(), settings, services.GetRequiredService<IServiceScopeFactory>(), _ => handler,
            logger ?? NullLogger<KafkaConsumerWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        return new RunningWorker(worker, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(CancellationToken.None);
        _worker.Dispose();
        await _services.DisposeAsync();
    }
}

/// <summary>
/// Sums one <see cref="KafkaTelemetry"/> counter (<see cref="KafkaTelemetry.DeadLetteredCounterName"/>,
/// <see cref="KafkaTelemetry.RetriesCounterName"/>) for one source topic, since other tests run in parallel.
/// </summary>
internal sealed class KafkaCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public KafkaCounter(string instrumentName, string topic)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KafkaTelemetry.SourceName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "topic", Value: string source } && source == topic)
                {
                    Interlocked.Add(ref _total, measurement);
                }
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}

/// <summary>Keeps every log record, so tests can assert what was logged.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Records { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Records.Enqueue((logLevel, formatter(state, exception), exception));
}
