using System.Buffers;
using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// Avro binary encoding of one value (no container file, no framing: Confluent's wire format adds its header
/// around this). .NET shapes: null, bool, int, long, float, double, byte[], string, <see cref="GenericRecord"/>,
/// <see cref="GenericEnum"/> (or a symbol string), <see cref="GenericFixed"/> (or byte[]), arrays as
/// <see cref="IList{T}"/> of object, maps as <see cref="IDictionary{TKey,TValue}"/> of string to object, unions
/// as the branch's value. Logical types: decimal as <see cref="decimal"/>, uuid as <see cref="Guid"/>, date as
/// <see cref="DateOnly"/>, time-millis/-micros as <see cref="TimeOnly"/>, timestamp-millis/-micros as UTC
/// <see cref="DateTime"/> (writing also takes <see cref="DateTimeOffset"/>; sub-unit ticks are truncated
/// towards the past; unspecified kinds count as UTC).
/// </summary>
public static class AvroSerializer
{
    /// <summary>Appends the encoding of <paramref name="value"/> to <paramref name="output"/>.</summary>
    /// <exception cref="AvroTypeException">The value does not match the schema; <paramref name="output"/> may then hold part of it.</exception>
    public static void Write(Schema schema, object? value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            ValueWriter.Write(output, schema, value, depth: 0);
        }
        catch (AvroTypeException e)
        {
            e.PrependPath(schema is NamedSchema named ? named.Name : "value");
            throw;
        }
    }

    /// <summary>Writes the encoding to <paramref name="output"/>; nothing is written if the value does not match.</summary>
    /// <exception cref="AvroTypeException">The value does not match the schema.</exception>
    public static void Write(Schema schema, object? value, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>();
        Write(schema, value, buffer);
        output.Write(buffer.WrittenSpan);
    }

    /// <exception cref="AvroTypeException">The value does not match the schema.</exception>
    public static byte[] Serialize(Schema schema, object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(schema, value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one value written with <paramref name="schema"/> itself.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not a valid encoding.</exception>
    public static object? Read(Schema schema, ReadOnlySpan<byte> data) => new AvroDatumReader(schema, schema).Read(data);

    /// <summary>
    /// Reads one value written with <paramref name="writerSchema"/> as <paramref name="readerSchema"/>. Works out
    /// the resolution on every call: for repeated reads keep an <see cref="AvroDatumReader"/>.
    /// </summary>
    /// <exception cref="AvroResolutionException">The schemas cannot be resolved, or not for this value.</exception>
    /// <exception cref="AvroDecodeException">The bytes are not a valid encoding.</exception>
    public static object? Read(Schema writerSchema, Schema readerSchema, ReadOnlySpan<byte> data) =>
        new AvroDatumReader(writerSchema, readerSchema).Read(data);
}
