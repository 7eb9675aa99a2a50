using System.Text;
using CloudScale.BuildingBlocks.Kafka;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

public sealed class KafkaConsumerResumeTests
{
    [Fact]
    public async Task A_new_member_of_the_group_resumes_after_what_the_previous_one_committed()
    {
        var topic = KafkaTestBroker.NewTopic("resume");
        var settings = new KafkaConsumerSettings(topic, KafkaTestBroker.NewGroup("resume"));
        await KafkaTestBroker.ProduceAsync(topic, Messages("first", 6));

        var first = new RecordingHandler();
        await using (await RunningWorker.StartAsync(settings, first))
        {
            await KafkaTestBroker.EventuallyAsync(() => first.Handled.Count == 6, "the first member handling the first 6 messages");
        }

        await KafkaTestBroker.ProduceAsync(topic, Messages("second", 6));
        var second = new RecordingHandler();
        await using (await RunningWorker.StartAsync(settings, second))
        {
            // Once the group has committed up to the end of every partition, the second member has seen all it ever will.
            var end = KafkaTestBroker.EndOffsets(topic);
            await KafkaTestBroker.EventuallyAsync(
                () => KafkaTestBroker.CommittedOffsets(settings.GroupId, topic).OrderBy(p => p.Key).SequenceEqual(end.OrderBy(p => p.Key)),
                "the group committing every partition to its end");
        }

        Assert.Equal(Values("first", 6), first.Handled.Select(Value).Order());
        Assert.Equal(Values("second", 6), second.Handled.Select(Value).Order());
    }

    private static IEnumerable<Message<byte[], byte[]>> Messages(string batch, int count) =>
        Values(batch, count).Select(value => KafkaMessage.Create(Encoding.UTF8.GetBytes(value[^1..]), Encoding.UTF8.GetBytes(value)));

    private static IEnumerable<string> Values(string batch, int count) => Enumerable.Range(0, count).Select(i => $"{batch}-{i}");

    private static string Value(ConsumeResult<byte[], byte[]> result) => Encoding.UTF8.GetString(result.Message.Value);
}
