namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>
/// The dead-letter convention: a poison message is copied, key, value and headers unchanged, to
/// <c>&lt;topic&gt;.dlq</c> with headers saying where it came from and why it could not be processed.
/// </summary>
public static class KafkaDeadLetter
{
    public const string TopicSuffix = ".dlq";
    public const string ReasonHeader = "x-dlq-reason";
    public const string SourceTopicHeader = "x-dlq-source-topic";
    public const string SourcePartitionHeader = "x-dlq-source-partition";
    public const string SourceOffsetHeader = "x-dlq-source-offset";

    public static string TopicFor(string topic) => topic + TopicSuffix;
}
