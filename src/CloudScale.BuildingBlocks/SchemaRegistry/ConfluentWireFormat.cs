using System.Buffers.Binary;

namespace CloudScale.BuildingBlocks.SchemaRegistry;

/// <summary>
/// Confluent's framing of a serialised message: magic byte 0, the schema id as a big-endian int32, then the body.
/// </summary>
public static class ConfluentWireFormat
{
    public const byte MagicByte = 0;
    public const int HeaderLength = 5;

    public static byte[] Frame(int schemaId, ReadOnlySpan<byte> body)
    {
        var framed = new byte[HeaderLength + body.Length];
        framed[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), schemaId);
        body.CopyTo(framed.AsSpan(HeaderLength));
        return framed;
    }

    /// <summary>Splits a framed message; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static (int SchemaId, ReadOnlyMemory<byte> Body) Unframe(ReadOnlyMemory<byte> framed)
    {
        if (framed.Length < HeaderLength)
        {
            throw new InvalidDataException($"message is {framed.Length} bytes, shorter than the {HeaderLength}-byte Confluent header");
        }

        if (framed.Span[0] != MagicByte)
        {
            throw new InvalidDataException($"unknown magic byte {framed.Span[0]}; Confluent-framed messages start with 0");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(framed.Span[1..]), framed[HeaderLength..]);
    }
}
