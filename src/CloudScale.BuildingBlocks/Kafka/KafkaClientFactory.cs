using System.Reflection;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>
/// Builds byte-level Kafka clients with the project's defaults from <see cref="KafkaOptions"/>: idempotent
/// producers, manually committing consumers, and librdkafka's own log lines routed to <see cref="ILogger"/>.
/// Callers may adjust a config from <see cref="ProducerConfig"/>/<see cref="ConsumerConfig"/> before building.
/// </summary>
public sealed class KafkaClientFactory
{
    /// <summary>The longest a dead-letter producer tries to deliver (<c>message.timeout.ms</c>).</summary>
    public const int DeadLetterTimeoutMs = 10_000;

    private readonly KafkaOptions _options;
    private readonly ILoggerFactory _loggerFactory;

    public KafkaClientFactory(KafkaOptions options, ILoggerFactory? loggerFactory = null)
    {
        if (options.Validate() is [_, ..] errors)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    private string ClientId => _options.ClientId ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "cloudscale";

    /// <summary>
    /// Idempotent (no duplicates or reordering from the producer's own retries) and acknowledged by every
    /// in-sync replica, so a delivered message survives a broker failure. Gives up on a message after
    /// <see cref="KafkaOptions.DeliveryTimeoutMs"/>.
    /// </summary>
    public ProducerConfig ProducerConfig() => new()
    {
        BootstrapServers = _options.BootstrapServers,
        ClientId = ClientId,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = _options.LingerMs,
        MessageTimeoutMs = _options.DeliveryTimeoutMs,
    };

    /// <summary>
    /// <see cref="ProducerConfig"/> giving up within <see cref="DeadLetterTimeoutMs"/>: a consumer waits for the
    /// dead-letter copy while it holds its partition, and must poll again well inside <c>max.poll.interval.ms</c>.
    /// </summary>
    public ProducerConfig DeadLetterProducerConfig()
    {
        var config = ProducerConfig();
        config.MessageTimeoutMs = Math.Min(_options.DeliveryTimeoutMs, DeadLetterTimeoutMs);
        return config;
    }

    /// <summary>
    /// A consumer-group member that commits only what its code says it has processed: no auto-commit and no
    /// automatic offset store. A new group starts at the earliest offset, so nothing produced before it is missed.
    /// </summary>
    public ConsumerConfig ConsumerConfig(string groupId) => new()
    {
        BootstrapServers = _options.BootstrapServers,
        ClientId = ClientId,
        GroupId = groupId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        FetchWaitMaxMs = _options.FetchWaitMaxMs,
        SessionTimeoutMs = _options.SessionTimeoutMs,
    };

    public IProducer<byte[], byte[]> CreateProducer(ProducerConfig? config = null)
    {
        KafkaNative.EnsureLoaded();
        var logger = _loggerFactory.CreateLogger("CloudScale.Kafka.Producer");
        return new ProducerBuilder<byte[], byte[]>(config ?? ProducerConfig())
            .SetLogHandler((_, message) => Log(logger, message))
            .SetErrorHandler((_, error) => Log(logger, error))
            .Build();
    }

    public IConsumer<byte[], byte[]> CreateConsumer(ConsumerConfig config)
    {
        KafkaNative.EnsureLoaded();
        var logger = _loggerFactory.CreateLogger("CloudScale.Kafka.Consumer");
        return new ConsumerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, message) => Log(logger, message))
            .SetErrorHandler((_, error) => Log(logger, error))
            .Build();
    }

    private static void Log(ILogger logger, LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
            SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        logger.Log(level, "librdkafka {Client} {Facility}: {Message}", message.Name, message.Facility, message.Message);
    }

    // Most client errors are transient (a broker connection dropped) and librdkafka recovers by itself.
    private static void Log(ILogger logger, Error error) =>
        logger.Log(error.IsFatal ? LogLevel.Critical : LogLevel.Warning, "Kafka client error {Code}: {Reason}", error.Code, error.Reason);
}
