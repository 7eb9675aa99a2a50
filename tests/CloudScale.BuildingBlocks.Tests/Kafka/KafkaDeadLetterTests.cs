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
        using var deadLettered = new KafkaCounter(KafkaTelemetry.DeadLetteredCounterName, topic);

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

    [Fact]
    public async Task A_poison_message_the_dead_letter_topic_refuses_stays_uncommitted_and_is_retried_ahead_of_later_messages()
    {
        // librdkafka refuses topic names over 512 characters: this topic's dead-letter topic (+ ".dlq") takes nothing.
        var prefix = KafkaTestBroker.NewTopic("dlq-refused") + ".";
        var topic = prefix + new string('x', 510 - prefix.Length);
        await KafkaTestBroker.ProduceAsync(topic, [Message("poison"), Message("good")]);
        var poisonAttempts = 0;
        var handler = new RecordingHandler((message, _) =>
        {
            if (Value(message) != "poison")
            {
                return Task.CompletedTask;
            }

            Interlocked.Increment(ref poisonAttempts);
            throw new PoisonMessageException("undecodable");
        });
        var logger = new RecordingLogger<KafkaConsumerWorker>();
        var settings = new KafkaConsumerSettings(topic, KafkaTestBroker.NewGroup("dlq-refused")) { InitialBackoff = TimeSpan.FromMilliseconds(20) };
        using var deadLettered = new KafkaCounter(KafkaTelemetry.DeadLetteredCounterName, topic);
        using var retries = new KafkaCounter(KafkaTelemetry.RetriesCounterName, topic);

        await using (await RunningWorker.StartAsync(settings, handler, logger))
        {
            await KafkaTestBroker.EventuallyAsync(() => Volatile.Read(ref poisonAttempts) >= 3, "three attempts at the poison message");
        }

        Assert.Empty(handler.Handled);
        Assert.Equal(0, deadLettered.Total);
        Assert.True(retries.Total >= 2, $"expected the failed attempts to be counted as retries, got {retries.Total}");
        Assert.Contains(logger.Records, record => record.Level == LogLevel.Warning
            && record.Exception?.Message.Contains($"dead-lettering to {settings.DeadLetterTopic} failed") == true);
        Assert.All(KafkaTestBroker.CommittedOffsets(settings.GroupId, topic).Values, offset => Assert.Equal(Offset.Unset.Value, offset));
    }

    private static Message<byte[], byte[]> Message(string value, string? correlationId = null) =>
        KafkaMessage.Create("one-key"u8.ToArray(), Encoding.UTF8.GetBytes(value), correlationId);

    private static string Value(ConsumeResult<byte[], byte[]> result) => Encoding.UTF8.GetString(result.Message.Value);
}
