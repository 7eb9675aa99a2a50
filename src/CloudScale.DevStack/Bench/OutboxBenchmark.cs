using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Inbox;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.BuildingBlocks.SchemaRegistry;
using CloudScale.BuildingBlocks.SchemaRegistry.Serdes;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CloudScale.DevStack.Bench;

/// <summary>
/// Measures, in one run on this machine: raw produce and consume throughput on the dev broker, then events going the
/// whole way a service sends them (business commit + outbox row → dispatcher → Kafka (Avro, registry) → consumer →
/// inbox + projection), with each event's latency from its commit to its handling.
/// </summary>
internal static class OutboxBenchmark
{
    private static readonly RecordSchema OrderPlaced = (RecordSchema)Schema.Parse("""
        {"type":"record","name":"OrderPlaced","namespace":"bench.v1","fields":[
          {"name":"orderId","type":{"type":"string","logicalType":"uuid"}},
          {"name":"committedAt","type":{"type":"long","logicalType":"timestamp-micros"}}]}
        """);

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var database = $"cloudscale_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await ExecuteAsync(settings.Postgres, $"CREATE DATABASE \"{database}\"");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(settings.Postgres) { Database = database, MaxPoolSize = 100 }.ConnectionString;
            var raw = RawKafka(settings);
            // Flat out shows the pipeline's capacity; paced below it shows its own latency, without queueing.
            var saturated = await EndToEndAsync(settings, connection, eventsPerSecond: null);
            var paced = await EndToEndAsync(settings with { Events = Math.Min(settings.Events, 1000) }, connection, eventsPerSecond: 100);
            Console.WriteLine(JsonSerializer.Serialize(new { settings.Writers, rawKafka = raw, outboxToInboxSaturated = saturated, outboxToInboxAt100PerSecond = paced }));
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(settings.Postgres, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static object RawKafka(BenchSettings settings)
    {
        var clients = Clients(settings);
        var topic = $"bench.raw.{Guid.NewGuid():N}";
        var value = new byte[100];
        var produce = Stopwatch.StartNew();
        using (var producer = clients.CreateProducer())
        {
            for (var i = 0; i < settings.Events * 10; i++)
            {
                producer.Produce(topic, new Message<byte[], byte[]> { Key = BitConverter.GetBytes(i % 50), Value = value });
            }

            producer.Flush(TimeSpan.FromSeconds(60));
        }

        produce.Stop();
        using var consumer = clients.CreateConsumer(clients.ConsumerConfig($"bench-raw-{Guid.NewGuid():N}"));
        consumer.Subscribe(topic);
        var consumed = 0;
        Stopwatch? consume = null;
        var patience = Stopwatch.StartNew();
        while (consumed < settings.Events * 10 && patience.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not null)
            {
                consume ??= Stopwatch.StartNew(); // from the first message: the group join is not throughput
                consumed++;
            }
        }

        return new
        {
            messages = settings.Events * 10,
            producePerSecond = Math.Round(settings.Events * 10 / produce.Elapsed.TotalSeconds),
            consumePerSecond = Math.Round(consumed / (consume?.Elapsed.TotalSeconds ?? double.PositiveInfinity)),
        };
    }

    private static async Task<object> EndToEndAsync(BenchSettings settings, string connection, int? eventsPerSecond)
    {
        var options = new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(connection).UseOutbox().Options;
        await using (var db = new BenchDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var topic = $"bench.order_placed.{Guid.NewGuid():N}";
        var clients = Clients(settings);
        using var http = new HttpClient { BaseAddress = new Uri(settings.Registry) };
        var registry = new CachedSchemaRegistryClient(http);
        using var producer = clients.CreateProducer(KafkaOutboxTransport.ProducerConfig(clients));
        var scopes = new SingleContextScopes(options);
        using var dispatcher = new OutboxDispatcher<BenchDbContext>(scopes, new KafkaOutboxTransport(producer, registry),
            new OutboxOptions { PollInterval = settings.PollInterval }, TimeProvider.System, NullLogger<OutboxDispatcher<BenchDbContext>>.Instance);
        using var stop = new CancellationTokenSource();
        var dispatching = dispatcher.StartAsync(stop.Token);

        var latencies = new ConcurrentBag<double>();
        var consuming = Task.Run(() => ConsumeAsync(clients, topic, options, registry, latencies, stop.Token));

        // One event first, until it is handled: the topic exists and the consumer holds its partitions (the dev
        // broker's first group join takes 3 s), so that start-up is not counted as latency.
        await CommitAsync(options, topic, "warm-up");
        while (latencies.IsEmpty)
        {
            await Task.Delay(20);
        }

        latencies.Clear();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = writer; i < settings.Events; i += settings.Writers)
            {
                if (eventsPerSecond is { } rate && TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                await CommitAsync(options, topic, $"customer-{i % 50}");
            }
        })));
        var committed = clock.Elapsed;
        while (latencies.Count < settings.Events && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(20);
        }

        var handled = clock.Elapsed;
        await stop.CancelAsync();
        await dispatcher.StopAsync(CancellationToken.None);
        await Task.WhenAny(consuming, Task.Delay(5000));
        await dispatching;

        var sorted = latencies.Order().ToList();
        double Percentile(double p) => sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)], 2);
        return new
        {
            events = settings.Events,
            handled = sorted.Count,
            commitsPerSecond = Math.Round(settings.Events / committed.TotalSeconds),
            handledPerSecond = Math.Round(sorted.Count / handled.TotalSeconds),
            latencyP50Ms = Percentile(50),
            latencyP99Ms = Percentile(99),
            latencyMaxMs = sorted.Count == 0 ? double.NaN : Math.Round(sorted[^1], 2),
            pollIntervalMs = settings.PollInterval.TotalMilliseconds,
        };
    }

    /// <summary>A business change and its event in one transaction, as a module's handler commits them.</summary>
    private static async Task CommitAsync(DbContextOptions<BenchDbContext> options, string topic, string key)
    {
        await using var db = new BenchDbContext(options);
        var order = new BenchOrder { Id = Guid.NewGuid(), Key = key };
        db.Add(order);
        var now = DateTime.UtcNow;
        db.Add(OutboxMessage.Create(topic, key, new GenericRecord(OrderPlaced) { { "orderId", order.Id }, { "committedAt", now } }, now));
        await db.SaveChangesAsync();
    }

    private static async Task ConsumeAsync(
        KafkaClientFactory clients, string topic, DbContextOptions<BenchDbContext> options, ISchemaRegistryClient registry,
        ConcurrentBag<double> latencies, CancellationToken stop)
    {
        using var consumer = clients.CreateConsumer(clients.ConsumerConfig($"bench-outbox-{Guid.NewGuid():N}"));
        consumer.Subscribe(topic);
        var deserializer = new AvroDeserializer<GenericRecord>(registry);
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(50)) is not { } result)
            {
                continue;
            }

            var record = (await AvroMessages.ValueAsync(deserializer, result))!;
            await using var db = new BenchDbContext(options);
            var orderId = (Guid)record["orderId"]!;
            if (await Inbox.HandleOnceAsync(db, "bench-projector", KafkaMessage.MessageIdOf(result.Message),
                    _ => { db.Add(new BenchProjection { OrderId = orderId }); return Task.CompletedTask; }, CancellationToken.None))
            {
                latencies.Add((DateTime.UtcNow - (DateTime)record["committedAt"]!).TotalMilliseconds);
            }

        }

        consumer.Close();
    }

    private static KafkaClientFactory Clients(BenchSettings settings) =>
        new(new KafkaOptions { BootstrapServers = settings.Kafka, ClientId = "cloudscale-bench", FetchWaitMaxMs = 5, SessionTimeoutMs = 6000 });

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

internal sealed record BenchSettings(string Postgres, string Kafka, string Registry, int Events, int Writers, TimeSpan PollInterval);
