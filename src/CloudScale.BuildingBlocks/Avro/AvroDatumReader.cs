using CloudScale.BuildingBlocks.Avro.Binary;
using CloudScale.BuildingBlocks.Avro.Resolution;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// Reads values written with <see cref="WriterSchema"/> as <see cref="ReaderSchema"/>, resolving the two as the
/// specification says (fields by name and alias, defaults, promotions, enum defaults, unions). Resolution is
/// worked out once, here; keep one reader per (writer, reader) pair. Thread-safe.
/// </summary>
public sealed class AvroDatumReader
{
    private readonly ReadNode _plan;

    /// <exception cref="AvroResolutionException">No value of the writer schema could be read as the reader schema.</exception>
    public AvroDatumReader(Schema writerSchema, Schema readerSchema)
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        ArgumentNullException.ThrowIfNull(readerSchema);
        WriterSchema = writerSchema;
        ReaderSchema = readerSchema;
        _plan = ReferenceEquals(writerSchema, readerSchema) ? writerSchema.IdentityReader : SchemaResolver.CreateReader(writerSchema, readerSchema);
    }

    public Schema WriterSchema { get; }

    public Schema ReaderSchema { get; }

    /// <summary>Reads exactly one value; bytes left over are an error.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not a valid encoding (truncated, corrupt, trailing bytes).</exception>
    /// <exception cref="AvroResolutionException">This value cannot be read as the reader schema (e.g. an enum symbol it lacks).</exception>
    public object? Read(ReadOnlySpan<byte> data)
    {
        var reader = new AvroBinaryReader(data);
        var value = _plan.Read(ref reader);
        reader.EnsureFullyRead();
        return value;
    }
}
