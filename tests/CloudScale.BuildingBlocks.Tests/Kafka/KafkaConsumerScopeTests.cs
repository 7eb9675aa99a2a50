using System.Collections.Concurrent;
using System.Text;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

public sealed class KafkaConsumerScopeTests
{
    [Fact]
    public async Task Each_attempt_gets_fresh_scoped_dependencies_so_a_retry_does_not_save_what_a_failed_attempt_left()
    {
        var topic = KafkaTestBroker.NewTopic("scoped");
        await KafkaTestBroker.ProduceAsync(topic, [KafkaMessage.Create("k"u8.ToArray(), "order-1"u8.ToArray())]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = TestInfrastructure.KafkaBootstrap,
            ["Kafka:FetchWaitMaxMs"] = "5",
            ["Kafka:SessionTimeoutMs"] = "6000",
        }).Build();
        var saved = new SavedChanges();
        // Validating scopes makes resolving a scoped service from the root provider throw, as it would in a web host.
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(saved)
            .AddScoped<UnitOfWork>()
            .AddKafka(configuration)
            .AddKafkaConsumer<ProjectingHandler>(new KafkaConsumerSettings(topic, KafkaTestBroker.NewGroup("scoped"))
            {
                InitialBackoff = TimeSpan.FromMilliseconds(20),
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var worker = Assert.Single(services.GetServices<IHostedService>());

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await KafkaTestBroker.EventuallyAsync(() => !saved.Batches.IsEmpty, "the retry saving its changes");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        var attempts = saved.UnitsOfWork.ToList();
        Assert.Equal(2, attempts.Count);
        Assert.NotSame(attempts[0], attempts[1]);
        Assert.All(attempts, unitOfWork => Assert.True(unitOfWork.Disposed));
        Assert.Equal(["order-1"], Assert.Single(saved.Batches));
    }

    /// <summary>Stands in for a DbContext: tracks what a handler added until it is saved.</summary>
    private sealed class UnitOfWork(SavedChanges saved) : IDisposable
    {
        private readonly List<string> _pending = [];

        public bool Disposed { get; private set; }

        public void Add(string entity) => _pending.Add(entity);

        public void Save() => saved.Batches.Enqueue([.. _pending]);

        public void Dispose() => Disposed = true;
    }

    private sealed class SavedChanges
    {
        public ConcurrentQueue<string[]> Batches { get; } = new();

        public ConcurrentQueue<UnitOfWork> UnitsOfWork { get; } = new();
    }

    /// <summary>Adds the message's projection, then fails before saving on its first attempt.</summary>
    private sealed class ProjectingHandler(UnitOfWork unitOfWork, SavedChanges saved) : IKafkaMessageHandler
    {
        public Task HandleAsync(ConsumeResult<byte[], byte[]> message, CancellationToken cancellationToken)
        {
            saved.UnitsOfWork.Enqueue(unitOfWork);
            unitOfWork.Add(Encoding.UTF8.GetString(message.Message.Value));
            if (saved.UnitsOfWork.Count == 1)
            {
                throw new TimeoutException("the database went away before saving");
            }

            unitOfWork.Save();
            return Task.CompletedTask;
        }
    }
}
