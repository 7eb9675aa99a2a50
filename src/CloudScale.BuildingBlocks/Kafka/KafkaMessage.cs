using System.Diagnostics;
using System.Text;
using CloudScale.BuildingBlocks.Http;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>
/// Messages that carry their trace context (W3C <c>traceparent</c>/<c>tracestate</c>) and correlation id
/// (<see cref="CorrelationId.HeaderName"/>) in Kafka headers, and reading those back on the consuming side.
/// </summary>
public static class KafkaMessage
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    /// <summary>Header carrying the event id, the key of every consumer's inbox.</summary>
    public const string MessageIdHeader = "cloudscale-message-id";

    /// <summary>
    /// A message whose headers carry a trace context and a correlation id. <paramref name="traceParent"/>
    /// defaults to the current activity's (none when there is no W3C activity); <paramref name="correlationId"/>
    /// to <see cref="CorrelationId.Current"/>, or a new id when neither is acceptable.
    /// </summary>
    public static Message<byte[], byte[]> Create(byte[] key, byte[] value, string? correlationId = null, string? traceParent = null)
    {
        var headers = new Headers();
        var activity = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current : null;
        if ((traceParent ?? activity?.Id) is { } parent)
        {
            headers.Add(TraceParentHeader, Encoding.ASCII.GetBytes(parent));
            if (traceParent is null && !string.IsNullOrEmpty(activity?.TraceStateString))
            {
                headers.Add(TraceStateHeader, Encoding.ASCII.GetBytes(activity.TraceStateString));
            }
        }

        var id = CorrelationId.IsAcceptable(correlationId) ? correlationId!
            : CorrelationId.IsAcceptable(CorrelationId.Current) ? CorrelationId.Current!
            : CorrelationId.New();
        headers.Add(CorrelationId.HeaderName, Encoding.ASCII.GetBytes(id));
        return new Message<byte[], byte[]> { Key = key, Value = value, Headers = headers };
    }

    /// <summary>The last value of header <paramref name="name"/> as UTF-8 text; null when absent.</summary>
    public static string? GetHeader(this Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) && bytes is not null
            ? Encoding.UTF8.GetString(bytes)
            : null;

    /// <summary>
    /// The event id a message carries, for the inbox. A message without one can never be deduplicated, so it is
    /// poison rather than something to retry.
    /// </summary>
    public static Guid MessageIdOf(Message<byte[], byte[]> message) =>
        Guid.TryParse(message.Headers.GetHeader(MessageIdHeader), out var id)
            ? id
            : throw new PoisonMessageException($"the message has no valid {MessageIdHeader} header, so it cannot be deduplicated");

    public static string? CorrelationIdOf(Message<byte[], byte[]> message) => message.Headers.GetHeader(CorrelationId.HeaderName);

    /// <summary>The producer's trace context, to parent the consumer's activity; default when absent or malformed.</summary>
    public static ActivityContext ParentContextOf(Message<byte[], byte[]> message) =>
        ActivityContext.TryParse(
            message.Headers.GetHeader(TraceParentHeader), message.Headers.GetHeader(TraceStateHeader), out var context)
            ? context
            : default;
}
