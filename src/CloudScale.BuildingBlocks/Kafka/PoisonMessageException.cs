namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>
/// Thrown by a message handler (or its deserializer) for a message that can never be processed, however
/// often it is retried: malformed bytes, an unknown schema, a contract violation. <see cref="KafkaConsumerWorker"/>
/// moves such a message to the dead-letter topic and goes on; any other exception is retried.
/// </summary>
public sealed class PoisonMessageException : Exception
{
    public PoisonMessageException(string reason)
        : base(reason)
    {
    }

    public PoisonMessageException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
