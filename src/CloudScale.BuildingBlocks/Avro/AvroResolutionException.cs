namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// Data written with one schema cannot be read with another: either always (thrown when the reader is created)
/// or only for some values, such as an enum symbol the reader lacks (thrown when such a value is read).
/// </summary>
public sealed class AvroResolutionException : AvroException
{
    public AvroResolutionException(string message)
        : base(message)
    {
    }
}
