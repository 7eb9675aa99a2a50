using CloudScale.BuildingBlocks.Kafka;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

public sealed class KafkaNativeTests
{
    [Fact]
    public void EnsureLoaded_can_be_called_repeatedly_and_binds_the_system_librdkafka()
    {
        KafkaNative.EnsureLoaded();
        KafkaNative.EnsureLoaded();

        // Debian 12's librdkafka1 is 2.0.2; Confluent.Kafka 1.9.3 would otherwise bundle 1.9.x.
        Assert.StartsWith("2.", Library.VersionString);
    }

    [Fact]
    public void A_producer_can_be_created_in_process_without_a_broker()
    {
        var clients = new KafkaClientFactory(new KafkaOptions { BootstrapServers = "127.0.0.1:9", ClientId = "native-check" });

        using var producer = clients.CreateProducer();

        // librdkafka names its handle "<client.id>#producer-<n>".
        Assert.StartsWith("native-check#producer-", producer.Name, StringComparison.Ordinal);
    }
}
