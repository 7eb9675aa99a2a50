namespace CloudScale.BuildingBlocks.Avro;

/// <summary>Base of every error the Avro codec raises; catch this to treat any Avro failure as one kind of bad input.</summary>
public abstract class AvroException : Exception
{
    private protected AvroException(string message)
        : base(message)
    {
    }
}
