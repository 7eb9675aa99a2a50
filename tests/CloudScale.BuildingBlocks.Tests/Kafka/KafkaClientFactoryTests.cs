using CloudScale.BuildingBlocks.Kafka;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

public sealed class KafkaClientFactoryTests
{
    private static readonly KafkaClientFactory Clients = new(new KafkaOptions
    {
        BootstrapServers = "kafka-0:9092,kafka-1:9092",
        ClientId = "checkout",
        FetchWaitMaxMs = 5,
    });

    [Fact]
    public void Producers_are_idempotent_and_wait_for_all_in_sync_replicas()
    {
        var config = Clients.ProducerConfig();

        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(5, config.LingerMs);
        Assert.Equal("kafka-0:9092,kafka-1:9092", config.BootstrapServers);
        Assert.Equal("checkout", config.ClientId);
        Assert.Equal(30_000, config.MessageTimeoutMs);
    }

    [Fact]
    public void Dead_letter_producers_give_up_within_ten_seconds_so_the_waiting_consumer_keeps_its_group_membership()
    {
        Assert.Equal(10_000, Clients.DeadLetterProducerConfig().MessageTimeoutMs);
        Assert.True(Clients.DeadLetterProducerConfig().EnableIdempotence);

        var quick = new KafkaClientFactory(new KafkaOptions { BootstrapServers = "kafka-0:9092", DeliveryTimeoutMs = 2000 });
        Assert.Equal(2000, quick.DeadLetterProducerConfig().MessageTimeoutMs);
    }

    [Fact]
    public void Consumers_commit_only_what_the_code_commits_and_start_new_groups_at_the_beginning()
    {
        var config = Clients.ConsumerConfig("inventory.order-created");

        Assert.Equal("inventory.order-created", config.GroupId);
        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal(5, config.FetchWaitMaxMs);
        Assert.Null(config.SessionTimeoutMs);
    }

    [Fact]
    public void Settings_without_bootstrap_servers_are_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new KafkaClientFactory(new KafkaOptions { LingerMs = -1 }));

        Assert.Contains("Kafka:BootstrapServers is required", error.Message);
        Assert.Contains("Kafka:LingerMs must be 0..1000, got -1", error.Message);
    }

    [Theory]
    [InlineData(0, "Kafka:DeliveryTimeoutMs must be greater than 0, got 0")]
    [InlineData(-5, "Kafka:DeliveryTimeoutMs must be greater than 0, got -5")]
    [InlineData(5, "Kafka:DeliveryTimeoutMs must be greater than Kafka:LingerMs (5), got 5")]
    public void A_delivery_timeout_librdkafka_would_read_as_never_or_refuse_is_refused_naming_the_setting(int deliveryTimeoutMs, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new KafkaClientFactory(new KafkaOptions { BootstrapServers = "kafka-0:9092", DeliveryTimeoutMs = deliveryTimeoutMs }));

        Assert.Contains(expected, error.Message);
    }
}
