using System.Diagnostics;
using System.Text;
using CloudScale.BuildingBlocks.Kafka;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

public sealed class KafkaConsumerOrderingTests
{
    [Fact]
    public async Task A_consumer_group_reads_every_message_in_key_order_with_trace_and_correlation_headers_intact()
    {
        const int keys = 8;
        const int perKey = 25;
        var topic = KafkaTestBroker.NewTopic("ordering");
        var produced = new Dictionary<string, string>();
        var messages = new List<Message<byte[], byte[]>>();
        for (var sequence = 0; sequence < perKey; sequence++)
        {
            for (var key = 0; key < keys; key++)
            {
                using var publish = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C).Start();
                var value = $"order-{key}:{sequence}";
                messages.Add(KafkaMessage.Create(Encoding.UTF8.GetBytes($"order-{key}"), Encoding.UTF8.GetBytes(value), correlationId: $"corr-{value}"));
                produced[value] = publish.Id!;
            }
        }

        await KafkaTestBroker.ProduceAsync(topic, messages);
        var traceIdsSeenByHandler = new List<(string Value, ActivityTraceId TraceId)>();
        using var listener = ListenToKafkaActivities();
        var handler = new RecordingHandler((message, _) =>
        {
            lock (traceIdsSeenByHandler)
            {
                traceIdsSeenByHandler.Add((Encoding.UTF8.GetString(message.Message.Value), Activity.Current!.TraceId));
            }

            return Task.CompletedTask;
        });

        await using (await RunningWorker.StartAsync(new KafkaConsumerSettings(topic, KafkaTestBroker.NewGroup("ordering")), handler))
        {
            await KafkaTestBroker.EventuallyAsync(() => handler.Handled.Count >= messages.Count, $"handling {messages.Count} messages");
        }

        var handled = handler.Handled.ToList();
        Assert.Equal(messages.Count, handled.Count);
        foreach (var byKey in handled.GroupBy(result => Encoding.UTF8.GetString(result.Message.Key)))
        {
            var sequences = byKey.Select(result => int.Parse(Encoding.UTF8.GetString(result.Message.Value).Split(':')[1]));
            Assert.Equal(Enumerable.Range(0, perKey), sequences);
        }

        foreach (var result in handled)
        {
            var value = Encoding.UTF8.GetString(result.Message.Value);
            Assert.Equal(produced[value], result.Message.Headers.GetHeader(KafkaMessage.TraceParentHeader));
            Assert.Equal($"corr-{value}", KafkaMessage.CorrelationIdOf(result.Message));
        }

        // The handler runs inside a consumer activity that continues the producer's trace.
        Assert.All(traceIdsSeenByHandler, seen => Assert.Equal(ActivityTraceId.CreateFromString(produced[seen.Value].AsSpan(3, 32)), seen.TraceId));
    }

    private static ActivityListener ListenToKafkaActivities()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KafkaTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
