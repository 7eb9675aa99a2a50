namespace CloudScale.BuildingBlocks.Avro;

/// <summary>Bytes are not a valid encoding of a value of the writer schema (truncated, corrupt, hostile).</summary>
public sealed class AvroDecodeException : AvroException
{
    public AvroDecodeException(string message)
        : base(message)
    {
    }
}
