namespace CloudScale.BuildingBlocks.Avro;

/// <summary>A schema is not valid Avro; the message names where (e.g. <c>Order.items[]: unknown type 'Itme'</c>).</summary>
public sealed class AvroSchemaException : AvroException
{
    public AvroSchemaException(string message)
        : base(message)
    {
    }
}
