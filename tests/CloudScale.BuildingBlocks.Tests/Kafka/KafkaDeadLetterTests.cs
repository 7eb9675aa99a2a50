using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using CloudScale.BuildingBlocks.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

public sealed class KafkaDeadLetterTests
{
    [Fact]
    public async Task A_poison_message_goes_to_the_dead_letter_topic_with_its_origin_and_the_next_message_is_processed()
    {
        var topic = KafkaTestBroker.NewTopic("poison");
        await KafkaTestBroker.ProduceAsync(topic, [Message("good-1"), Message("poison", "corr-poison"), Message("good-2")]);
        var handler = new RecordingHandler((message, _) => Value(message) == "poison"
            ? throw new PoisonMessageException("schema id 99 is unknown")
            : Task.CompletedTask);
        var logger = new RecordingLogger<KafkaConsumerWorker>();
        var settings = new KafkaConsumerSettings(topic, KafkaTestBroker.NewGroup("poison"));
        using var deadLettered = CountDeadLettered(topic);

        await using (await RunningWorker.StartAsync(settings, handler, logger))
        {
            await KafkaTestBroker.EventuallyAsync(() => handler.Handled.Count == 2, "handling both good messages");
        }

        Assert.Equal(["good-1", "good-2"], handler.Handled.Select(Value));
        var poisonOffset = handler.Handled.First().Offset.Value + 1;
        var partition = handler.Handled.First().Partition.Value;

        var dead = Assert.Single(KafkaTestBroker.ReadAll(settings.DeadLetterTopic, 1)).Message;
        Assert.Equal(topic + ".dlq", settings.DeadLetterTopic);
        Assert.Equal("poison", Encoding.UTF8.GetString(dead.Value));
        Assert.Equal("one-key", Encoding.UTF8.GetString(dead.Key));
        Assert.Equal("corr-poison", KafkaMessage.CorrelationIdOf(dead));
        Assert.Equal("schema id 99 is unknown", dead.Headers.GetHeader(KafkaDeadLetter.ReasonHeader));
        Assert.Equal(topic, dead.Headers.GetHeader(KafkaDeadLetter.SourceTopicHeader));
        Assert.Equal(partition.ToString(CultureInfo.InvariantCulture), dead.Headers.GetHeader(KafkaDeadLetter.SourcePartitionHeader));
        Assert.Equal(poisonOffset.ToString(CultureInfo.InvariantCulture), dead.Headers.GetHeader(KafkaDeadLetter.SourceOffsetHeader));

        Assert.Equal(1, deadLettered.Total);
        Assert.Single(logger.Records, record => record.Level == LogLevel.Warning && record.Message.Contains($"Dead-lettered {topic}"));
        // Committed past the poison message: a restarted member does not meet it again.
        Assert.Equal(poisonOffset + 2, KafkaTestBroker.CommittedOffsets(settings.GroupId, topic)[partition]);
    }

    private static Message<byte[], byte[]> Message(string value, string? correlationId = null) =>
        KafkaMessage.Create("one-key"u8.ToArray(), Encoding.UTF8.GetBytes(value), correlationId);

    private static string Value(ConsumeResult<byte[], byte[]> result) => Encoding.UTF8.GetString(result.Message.Value);

    private static DeadLetterCount CountDeadLettered(string topic) => new(topic);

    /// <summary>Sums <c>cloudscale.kafka.dead_lettered</c> for one source topic (other tests run in parallel).</summary>
    private sealed class DeadLetterCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public DeadLetterCount(string topic)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == KafkaTelemetry.SourceName && instrument.Name == KafkaTelemetry.DeadLetteredCounterName)
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
}
