using System.Buffers.Binary;
using System.Text;

namespace CloudScale.BuildingBlocks.Avro.Binary;

/// <summary>
/// Reads the binary encoding from a span, defensively: every length and count is checked against the bytes
/// left, so corrupt or hostile input ends in an <see cref="AvroDecodeException"/>, never an out-of-range
/// index, a huge allocation or a stack overflow.
/// </summary>
internal ref struct AvroBinaryReader
{
    /// <summary>How deep records, arrays, maps and unions may nest; deeper data is treated as hostile.</summary>
    public const int MaxDepth = 1000;

    /// <summary>
    /// Items per array or map whose items may encode to zero bytes (nulls, empty records): the input size
    /// cannot bound those, so this does.
    /// </summary>
    public const int MaxZeroSizeItems = 1 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _depth;

    public AvroBinaryReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"values nest deeper than {MaxDepth} levels");
        }
    }

    public void Exit() => _depth--;

    public bool ReadBoolean()
    {
        var value = ReadByte("a boolean");
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw Error($"boolean byte must be 0 or 1, got {value}", _position - 1),
        };
    }

    public int ReadInt()
    {
        var start = _position;
        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte("an int");
            if (shift == 28 && b > 0x0F)
            {
                throw Error("varint is too long or too large for an int", start);
            }

            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (int)(result >> 1) ^ -(int)(result & 1);
            }
        }
    }

    public long ReadLong()
    {
        var start = _position;
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte("a long");
            if (shift == 63 && b > 1)
            {
                throw Error("varint is too long or too large for a long", start);
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(result >> 1) ^ -(long)(result & 1);
            }
        }
    }

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "float"));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "double"));

    public byte[] ReadBytes() => Take(ReadLength("bytes"), "bytes").ToArray();

    public string ReadString()
    {
        var start = _position;
        var bytes = Take(ReadLength("string"), "string");
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error("string is not valid UTF-8", start);
        }
    }

    public ReadOnlySpan<byte> ReadFixed(int size) => Take(size, "fixed");

    public void SkipBytes() => Take(ReadLength("bytes"), "bytes");

    /// <summary>
    /// The item count of the next array or map block; 0 ends the collection. A negative count is followed by
    /// the block's byte size, returned in <paramref name="byteSize"/> (-1 when absent) so skipping can jump.
    /// </summary>
    public int ReadBlockCount(int itemsSoFar, bool itemsMayBeEmpty, out int byteSize)
    {
        var start = _position;
        var count = ReadLong();
        byteSize = -1;
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                throw Error("block count is out of range", start);
            }

            count = -count;
            var size = ReadLong();
            byteSize = size >= 0 && size <= Remaining
                ? (int)size
                : throw Error($"block byte size {size} is negative or exceeds the {Remaining} bytes left", start);
        }

        // Every item that is not zero-size takes at least one byte, so the input length bounds the count.
        if (itemsMayBeEmpty)
        {
            return count <= MaxZeroSizeItems - (long)itemsSoFar
                ? (int)count
                : throw Error($"block of {count} items takes the collection past {MaxZeroSizeItems} zero-size items", start);
        }

        return count <= Remaining
            ? (int)count
            : throw Error($"block of {count} items cannot fit in the {Remaining} bytes left", start);
    }

    public void Skip(int count, string what) => Take(count, what);

    public void EnsureFullyRead()
    {
        if (Remaining > 0)
        {
            throw Error($"{Remaining} unexpected byte(s) after the value");
        }
    }

    public readonly AvroDecodeException Error(string problem) => Error(problem, _position);

    public static AvroDecodeException Error(string problem, int position) => new($"at byte {position}: {problem}");

    private int ReadLength(string what)
    {
        var start = _position;
        var length = ReadLong();
        if (length < 0)
        {
            throw Error($"{what} length {length} is negative", start);
        }

        return length <= Remaining
            ? (int)length
            : throw Error($"{what} length {length} exceeds the {Remaining} bytes left (truncated input?)", start);
    }

    private byte ReadByte(string what) =>
        _position < _data.Length ? _data[_position++] : throw Error($"input ends inside {what} (truncated input?)");

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error($"{what} needs {(count < 0 ? "an invalid number of" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes, {Remaining} left (truncated input?)");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
