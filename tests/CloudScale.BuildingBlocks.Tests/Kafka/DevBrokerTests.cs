using System.Net;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.DevStack.Kafka;
using CloudScale.Testing;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

/// <summary>The Kafka dev broker (src/CloudScale.DevStack): its topic list, its fixed port and what it advertises.</summary>
public sealed class DevBrokerTests
{
    [Fact]
    public void Every_declared_topic_exists_on_the_running_dev_broker_with_its_partition_count()
    {
        var declared = TopicDeclarations.Load(Path.Combine(AppContext.BaseDirectory, TopicDeclarations.FileName));

        KafkaNative.EnsureLoaded();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = TestInfrastructure.KafkaBootstrap }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        Assert.Contains(declared, topic => topic.Name == TopicDeclarations.HeartbeatTopic);
        foreach (var topic in declared)
        {
            var actual = Assert.Single(metadata.Topics, t => t.Topic == topic.Name);
            Assert.Equal(topic.Partitions, actual.Partitions.Count);
        }

        // Bootstrap goes through the fixed port; the broker itself is advertised on its own loopback port.
        var broker = Assert.Single(metadata.Brokers);
        Assert.Equal("127.0.0.1", broker.Host);
        Assert.NotEqual(IPEndPoint.Parse(TestInfrastructure.KafkaBootstrap).Port, broker.Port);
    }

    [Fact]
    public async Task A_mock_cluster_behind_the_relay_produces_and_consumes_through_the_relay_port()
    {
        await using var relay = TcpRelay.Listen(new IPEndPoint(IPAddress.Loopback, 0));
        using (var cluster = MockCluster.Start(brokerCount: 1))
        {
            cluster.CreateTopic("relay.check", partitions: 3, replicationFactor: 1);
            relay.Forward(cluster.FirstBroker);
            var clients = new KafkaClientFactory(new KafkaOptions { BootstrapServers = relay.Endpoint.ToString(), FetchWaitMaxMs = 1 });

            using (var producer = clients.CreateProducer())
            {
                await producer.ProduceAsync(new TopicPartition("relay.check", 2), new Message<byte[], byte[]> { Key = [1], Value = [42] });
            }

            using var consumer = clients.CreateConsumer(clients.ConsumerConfig("relay.check"));
            consumer.Assign(new TopicPartitionOffset("relay.check", 2, Offset.Beginning));
            var consumed = consumer.Consume(TimeSpan.FromSeconds(10));

            Assert.Equal([42], consumed?.Message.Value);
            consumer.Close();
        }
    }

    [Fact]
    public void A_topic_list_with_mistakes_is_refused_naming_each_entry()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                [
                  { "name": "checkout.order_created.v1", "partitions": 0, "owner": "checkout" },
                  { "name": "bad topic", "partitions": 3, "owner": "" },
                  { "name": "checkout.order_created.v1", "partitions": 3, "owner": "checkout" }
                ]
                """);

            var error = Assert.Throws<InvalidOperationException>(() => TopicDeclarations.Load(path));

            Assert.Contains("entry 0 (checkout.order_created.v1): partitions must be 1..64, got 0", error.Message);
            Assert.Contains("entry 1 (bad topic): name must be", error.Message);
            Assert.Contains("entry 1 (bad topic): owner", error.Message);
            Assert.Contains("checkout.order_created.v1 is declared 2 times", error.Message);
            Assert.Contains($"{TopicDeclarations.HeartbeatTopic} must be declared", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
