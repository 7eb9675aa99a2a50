using System.Text;
using CloudScale.BuildingBlocks.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

public sealed class KafkaConsumerRetryTests
{
    [Fact]
    public async Task A_failing_handler_is_retried_and_neither_that_message_nor_a_later_one_is_lost_or_reordered()
    {
        var topic = KafkaTestBroker.NewTopic("retry");
        await KafkaTestBroker.ProduceAsync(topic, Messages("a-0", "a-1", "a-2", "a-3"));
        var handler = new RecordingHandler((message, attempt) =>
            Value(message) == "a-1" && attempt <= 2 ? throw new TimeoutException("the database is restarting") : Task.CompletedTask);
        var logger = new RecordingLogger<KafkaConsumerWorker>();
        var settings = new KafkaConsumerSettings(topic, KafkaTestBroker.NewGroup("retry")) { InitialBackoff = TimeSpan.FromMilliseconds(20) };
        using var retries = new KafkaCounter(KafkaTelemetry.RetriesCounterName, topic);

        await using (await RunningWorker.StartAsync(settings, handler, logger))
        {
            await KafkaTestBroker.EventuallyAsync(() => handler.Handled.Count == 4, "handling all 4 messages");
        }

        Assert.Equal(["a-0", "a-1", "a-2", "a-3"], handler.Handled.Select(Value));
        var failed = handler.Handled.Single(message => Value(message) == "a-1");
        Assert.Equal(3, handler.AttemptsAt(failed.Partition.Value, failed.Offset.Value));
        Assert.Equal(2, logger.Records.Count(record => record.Level == LogLevel.Warning && record.Message.Contains("failed (attempt")));
        Assert.Equal(2, retries.Total);
    }

    [Fact]
    public async Task A_message_still_failing_after_max_attempts_is_fetched_again_rather_than_skipped_and_its_blocked_partition_reported()
    {
        var topic = KafkaTestBroker.NewTopic("refetch");
        await KafkaTestBroker.ProduceAsync(topic, Messages("b-0", "b-1"));
        var handler = new RecordingHandler((message, attempt) =>
            Value(message) == "b-0" && attempt <= 4 ? throw new InvalidOperationException("downstream unavailable") : Task.CompletedTask);
        var logger = new RecordingLogger<KafkaConsumerWorker>();
        var settings = new KafkaConsumerSettings(topic, KafkaTestBroker.NewGroup("refetch"))
        {
            MaxAttempts = 2,
            InitialBackoff = TimeSpan.FromMilliseconds(20),
        };
        using var retries = new KafkaCounter(KafkaTelemetry.RetriesCounterName, topic);

        await using (await RunningWorker.StartAsync(settings, handler, logger))
        {
            await KafkaTestBroker.EventuallyAsync(() => handler.Handled.Count == 2, "handling both messages");
        }

        Assert.Equal(["b-0", "b-1"], handler.Handled.Select(Value));
        var failing = handler.Handled.First();
        Assert.Equal(5, handler.AttemptsAt(failing.Partition.Value, failing.Offset.Value));
        Assert.Equal(2, logger.Records.Count(record => record.Level == LogLevel.Error && record.Message.Contains("fetching it again")));
        // The failed attempts add up across deliveries, so the log says how long the partition has been stuck.
        var blockedAt = $"{topic} [{failing.Partition.Value}] is blocked at offset {failing.Offset.Value}";
        Assert.Contains(logger.Records, record => record.Message.StartsWith($"{blockedAt}: 2 failed attempts", StringComparison.Ordinal));
        Assert.Contains(logger.Records, record => record.Message.StartsWith($"{blockedAt}: 4 failed attempts", StringComparison.Ordinal));
        Assert.Equal(4, retries.Total);
        Assert.Equal(failing.Offset.Value + 2, KafkaTestBroker.CommittedOffsets(settings.GroupId, topic)[failing.Partition.Value]);
    }

    // One key: one partition, so the log's order is the order the handler must see.
    private static IEnumerable<Message<byte[], byte[]>> Messages(params string[] values) =>
        values.Select(value => KafkaMessage.Create("one-key"u8.ToArray(), Encoding.UTF8.GetBytes(value)));

    private static string Value(ConsumeResult<byte[], byte[]> result) => Encoding.UTF8.GetString(result.Message.Value);
}
