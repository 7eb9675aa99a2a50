using System.Diagnostics;
using System.Globalization;
using System.Text;
using CloudScale.BuildingBlocks.Http;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>
/// One consumer-group member for one topic, handing each message to an <see cref="IKafkaMessageHandler"/>
/// and committing its offset only after the handler returned: at-least-once, in order per partition.
/// <list type="bullet">
/// <item>Every attempt resolves the handler from a new DI scope, so scoped dependencies (a DbContext) start clean.</item>
/// <item>A failing handler is retried with exponential backoff, <see cref="KafkaConsumerSettings.MaxAttempts"/>
/// times per delivery; then the message is fetched again (polling keeps the member in its group). It is never skipped,
/// so it blocks its partition: each failed attempt counts in <see cref="KafkaTelemetry.RetriesCounterName"/>, and each
/// re-fetch logs an error naming the partition, the offset and the failed attempts so far.</item>
/// <item>A <see cref="PoisonMessageException"/> copies the message to <c>&lt;topic&gt;.dlq</c> with
/// <see cref="KafkaDeadLetter"/> headers, commits it, counts it (<see cref="KafkaTelemetry.DeadLetteredCounterName"/>),
/// logs a warning and goes on with the next message. If the dead-letter topic does not take it, it is retried.</item>
/// <item>A consumer that fails outside a handler (a rewind refused) is replaced by a new one, which resumes from the
/// group's committed offsets.</item>
/// </list>
/// </summary>
public sealed partial class KafkaConsumerWorker(
    KafkaClientFactory clients,
    KafkaConsumerSettings settings,
    IServiceScopeFactory scopes,
    Func<IServiceProvider, IKafkaMessageHandler> createHandler,
    ILogger<KafkaConsumerWorker> logger) : BackgroundService
{
    // The failed attempts in a row of the message each partition is blocked at; used by the consuming thread only.
    private readonly Dictionary<TopicPartition, FailureStreak> _streaks = [];

    // librdkafka's Consume blocks its caller: a thread of its own keeps the thread pool free.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var deadLetters = clients.CreateProducer(clients.DeadLetterProducerConfig());
        try
        {
            while (true)
            {
                try
                {
                    ConsumeUntilStopped(deadLetters, stoppingToken);
                }
                catch (KafkaException e)
                {
                    // This consumer's position is in doubt; a new one starts from the committed offsets, so the message
                    // in hand comes again and none is skipped. Ending the worker would stop the host instead.
                    LogConsumerFailed(e, settings.Topic, settings.GroupId, e.Error.Reason, settings.MaxBackoff);
                    Wait(settings.MaxBackoff, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a message in hand stays uncommitted and is delivered again.
        }
    }

    private void ConsumeUntilStopped(IProducer<byte[], byte[]> deadLetters, CancellationToken stoppingToken)
    {
        using var consumer = clients.CreateConsumer(clients.ConsumerConfig(settings.GroupId));
        consumer.Subscribe(settings.Topic);
        LogConsuming(settings.Topic, settings.GroupId);
        try
        {
            while (true)
            {
                ConsumeResult<byte[], byte[]> result;
                try
                {
                    result = consumer.Consume(stoppingToken);
                }
                catch (ConsumeException e)
                {
                    LogConsumeFailed(settings.Topic, e.Error.Reason);
                    Wait(settings.InitialBackoff, stoppingToken);
                    continue;
                }

                Process(consumer, deadLetters, result, stoppingToken);
            }
        }
        finally
        {
            Close(consumer);
        }
    }

    private void Process(
        IConsumer<byte[], byte[]> consumer, IProducer<byte[], byte[]> deadLetters, ConsumeResult<byte[], byte[]> result, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (TryHandle(deadLetters, result, attempt, stoppingToken))
            {
                _streaks.Remove(result.TopicPartition);
                Commit(consumer, result);
                return;
            }

            var streak = CountFailure(result);
            if (attempt >= settings.MaxAttempts)
            {
                LogPartitionBlocked(
                    result.Topic, result.Partition.Value, result.Offset.Value, streak.Attempts, (long)Stopwatch.GetElapsedTime(streak.Since).TotalSeconds);
                // The next poll returns this message again. A KafkaException here replaces the consumer (see Run).
                consumer.Seek(result.TopicPartitionOffset);
                return;
            }

            Wait(settings.BackoffAfter(attempt), stoppingToken);
        }
    }

    private FailureStreak CountFailure(ConsumeResult<byte[], byte[]> result)
    {
        KafkaTelemetry.Retries.Add(
            1,
            new KeyValuePair<string, object?>("topic", result.Topic),
            new KeyValuePair<string, object?>("group", settings.GroupId),
            new KeyValuePair<string, object?>("partition", result.Partition.Value));
        var streak = _streaks.TryGetValue(result.TopicPartition, out var current) && current.Offset == result.Offset.Value
            ? current with { Attempts = current.Attempts + 1 }
            : new FailureStreak(result.Offset.Value, 1, Stopwatch.GetTimestamp());
        _streaks[result.TopicPartition] = streak;
        return streak;
    }

    private bool TryHandle(
        IProducer<byte[], byte[]> deadLetters, ConsumeResult<byte[], byte[]> result, int attempt, CancellationToken stoppingToken)
    {
        using var activity = StartActivity(result);
        var correlationId = KafkaMessage.CorrelationIdOf(result.Message);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["CorrelationId"] = correlationId ?? "",
            ["KafkaTopic"] = result.Topic,
            ["KafkaPartition"] = result.Partition.Value,
            ["KafkaOffset"] = result.Offset.Value,
        });
        // What the handler publishes or logs carries the message's correlation id along.
        CorrelationId.Current = CorrelationId.IsAcceptable(correlationId) ? correlationId : null;
        try
        {
            try
            {
                HandleInNewScopeAsync(result, stoppingToken).GetAwaiter().GetResult();
            }
            catch (PoisonMessageException poison)
            {
                DeadLetter(deadLetters, result, poison.Message);
            }

            return true;
        }
        catch (Exception e) when (!(e is OperationCanceledException && stoppingToken.IsCancellationRequested))
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            LogHandlerFailed(e, result.Topic, result.Partition.Value, result.Offset.Value, attempt, settings.MaxAttempts);
            return false;
        }
        finally
        {
            CorrelationId.Current = null;
        }
    }

    // A scope per attempt: what a failed attempt left in a scoped DbContext is gone, not saved by the retry.
    private async Task HandleInNewScopeAsync(ConsumeResult<byte[], byte[]> result, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await createHandler(scope.ServiceProvider).HandleAsync(result, stoppingToken);
    }

    /// <summary>Throws when the dead-letter topic does not take the message: it is then retried, never lost.</summary>
    private void DeadLetter(IProducer<byte[], byte[]> deadLetters, ConsumeResult<byte[], byte[]> result, string reason)
    {
        var headers = new Headers();
        foreach (var header in result.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(KafkaDeadLetter.ReasonHeader, Encoding.UTF8.GetBytes(reason));
        headers.Add(KafkaDeadLetter.SourceTopicHeader, Encoding.UTF8.GetBytes(result.Topic));
        headers.Add(KafkaDeadLetter.SourcePartitionHeader, Encoding.ASCII.GetBytes(result.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(KafkaDeadLetter.SourceOffsetHeader, Encoding.ASCII.GetBytes(result.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        try
        {
            deadLetters.ProduceAsync(
                    settings.DeadLetterTopic,
                    new Message<byte[], byte[]> { Key = result.Message.Key, Value = result.Message.Value, Headers = headers })
                .GetAwaiter().GetResult();
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException(
                $"dead-lettering to {settings.DeadLetterTopic} failed ({e.Error.Reason}); the message stays uncommitted and is retried", e);
        }

        KafkaTelemetry.DeadLettered.Add(
            1, new KeyValuePair<string, object?>("topic", result.Topic), new KeyValuePair<string, object?>("group", settings.GroupId));
        LogDeadLettered(result.Topic, result.Partition.Value, result.Offset.Value, settings.DeadLetterTopic, reason);
    }

    private void Commit(IConsumer<byte[], byte[]> consumer, ConsumeResult<byte[], byte[]> result)
    {
        try
        {
            consumer.Commit(result);
        }
        catch (KafkaException e)
        {
            // The message was handled; it comes again only if its partition moved to another member meanwhile,
            // which idempotent handling (the inbox) absorbs.
            LogCommitFailed(result.Topic, result.Partition.Value, result.Offset.Value, e.Error.Reason);
        }
    }

    private void Close(IConsumer<byte[], byte[]> consumer)
    {
        try
        {
            // Leaving the group hands its partitions to the other members now, not after the session timeout.
            consumer.Close();
        }
        catch (KafkaException e)
        {
            LogCloseFailed(settings.Topic, settings.GroupId, e.Error.Reason);
        }
    }

    private Activity? StartActivity(ConsumeResult<byte[], byte[]> result)
    {
        var activity = KafkaTelemetry.ActivitySource.StartActivity(
            $"{result.Topic} process", ActivityKind.Consumer, KafkaMessage.ParentContextOf(result.Message));
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", result.Topic);
        activity?.SetTag("messaging.consumer.group.name", settings.GroupId);
        activity?.SetTag("messaging.destination.partition.id", result.Partition.Value);
        activity?.SetTag("messaging.kafka.offset", result.Offset.Value);
        return activity;
    }

    private static void Wait(TimeSpan delay, CancellationToken stoppingToken)
    {
        if (stoppingToken.WaitHandle.WaitOne(delay))
        {
            throw new OperationCanceledException(stoppingToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Consuming {Topic} as consumer group {GroupId}")]
    private partial void LogConsuming(string topic, string groupId);

    [LoggerMessage(LogLevel.Warning, "Consuming {Topic} failed: {Reason}; polling again")]
    private partial void LogConsumeFailed(string topic, string reason);

    [LoggerMessage(LogLevel.Warning, "Handling {Topic} [{Partition}] @{Offset} failed (attempt {Attempt} of {MaxAttempts})")]
    private partial void LogHandlerFailed(Exception exception, string topic, int partition, long offset, int attempt, int maxAttempts);

    [LoggerMessage(LogLevel.Error,
        "{Topic} [{Partition}] is blocked at offset {Offset}: {Attempts} failed attempts in {BlockedSeconds} s; fetching it again, it is never skipped")]
    private partial void LogPartitionBlocked(string topic, int partition, long offset, int attempts, long blockedSeconds);

    [LoggerMessage(LogLevel.Warning, "Dead-lettered {Topic} [{Partition}] @{Offset} to {DeadLetterTopic}: {Reason}")]
    private partial void LogDeadLettered(string topic, int partition, long offset, string deadLetterTopic, string reason);

    [LoggerMessage(LogLevel.Warning, "Committing {Topic} [{Partition}] @{Offset} failed: {Reason}")]
    private partial void LogCommitFailed(string topic, int partition, long offset, string reason);

    [LoggerMessage(LogLevel.Warning, "Leaving consumer group {GroupId} of {Topic} failed: {Reason}; its partitions move after the session timeout instead")]
    private partial void LogCloseFailed(string topic, string groupId, string reason);

    [LoggerMessage(LogLevel.Error, "Consumer of {Topic} in group {GroupId} failed: {Reason}; a new one resumes from the committed offsets in {Delay}")]
    private partial void LogConsumerFailed(Exception exception, string topic, string groupId, string reason, TimeSpan delay);

    private readonly record struct FailureStreak(long Offset, int Attempts, long Since);
}
