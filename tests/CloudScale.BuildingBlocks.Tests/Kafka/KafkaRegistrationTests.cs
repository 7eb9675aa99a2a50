using CloudScale.BuildingBlocks.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

public sealed class KafkaRegistrationTests
{
    [Fact]
    public void Options_bind_from_the_Kafka_section_and_reach_the_client_configs()
    {
        using var services = Services(new()
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:59092",
            ["Kafka:ClientId"] = "inventory",
            ["Kafka:FetchWaitMaxMs"] = "5",
            ["Kafka:SessionTimeoutMs"] = "6000",
            ["Kafka:DeliveryTimeoutMs"] = "15000",
        });

        var clients = services.GetRequiredService<KafkaClientFactory>();

        Assert.Equal("127.0.0.1:59092", clients.ProducerConfig().BootstrapServers);
        Assert.Equal("inventory", clients.ProducerConfig().ClientId);
        Assert.Equal(5, clients.ConsumerConfig("g").FetchWaitMaxMs);
        Assert.Equal(6000, clients.ConsumerConfig("g").SessionTimeoutMs);
        Assert.Equal(15_000, clients.ProducerConfig().MessageTimeoutMs);
        Assert.IsType<KafkaConsumerWorker>(Assert.Single(services.GetServices<IHostedService>()));
    }

    [Fact]
    public void Missing_bootstrap_servers_fail_validation_naming_the_setting()
    {
        using var services = Services([]);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KafkaOptions>>().Value);

        Assert.Contains("Kafka:BootstrapServers is required", error.Message);
    }

    [Fact]
    public void Consumer_settings_refuse_what_could_never_work()
    {
        Assert.Throws<ArgumentException>(() => new KafkaConsumerSettings("", "group"));
        Assert.Throws<ArgumentException>(() => new KafkaConsumerSettings("topic", " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KafkaConsumerSettings("topic", "group") { MaxAttempts = 0 });
    }

    [Fact]
    public void Backoff_doubles_from_the_initial_wait_up_to_the_maximum()
    {
        var settings = new KafkaConsumerSettings("topic", "group")
        {
            InitialBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
        };

        Assert.Equal([100, 200, 400, 500, 500], Enumerable.Range(1, 5).Select(failed => settings.BackoffAfter(failed).TotalMilliseconds));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddKafka(configuration)
            .AddKafkaConsumer<IgnoringHandler>(new KafkaConsumerSettings("orders", "billing"))
            .BuildServiceProvider();
    }

    private sealed class IgnoringHandler : IKafkaMessageHandler
    {
        public Task HandleAsync(ConsumeResult<byte[], byte[]> message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
