using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CloudScale.BuildingBlocks.Avro.Binary;

/// <summary>The specification's binary encoding of primitives, written straight into the caller's buffer.</summary>
internal static class AvroBinaryWriter
{
    private const int MaxVarintBytes = 10;

    // Throws on lone surrogates instead of silently writing U+FFFD: a reader would get a different string.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void WriteLong(IBufferWriter<byte> output, long value)
    {
        var zigZag = (ulong)((value << 1) ^ (value >> 63));
        var span = output.GetSpan(MaxVarintBytes);
        var length = 0;
        while (zigZag >= 0x80)
        {
            span[length++] = (byte)(zigZag | 0x80);
            zigZag >>= 7;
        }

        span[length++] = (byte)zigZag;
        output.Advance(length);
    }

    public static void WriteBoolean(IBufferWriter<byte> output, bool value)
    {
        output.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        output.Advance(1);
    }

    /// <summary>NaN is written as Java's floatToIntBits writes it (0x7fc00000), as the specification asks.</summary>
    public static void WriteFloat(IBufferWriter<byte> output, float value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), float.IsNaN(value) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(value));
        output.Advance(4);
    }

    /// <summary>NaN is written as Java's doubleToLongBits writes it (0x7ff8000000000000).</summary>
    public static void WriteDouble(IBufferWriter<byte> output, double value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), double.IsNaN(value) ? 0x7ff8000000000000 : BitConverter.DoubleToInt64Bits(value));
        output.Advance(8);
    }

    public static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        WriteLong(output, value.Length);
        WriteFixed(output, value);
    }

    public static void WriteFixed(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        value.CopyTo(output.GetSpan(value.Length));
        output.Advance(value.Length);
    }

    public static void WriteString(IBufferWriter<byte> output, string value)
    {
        int length;
        try
        {
            length = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw new AvroTypeException("string contains an unpaired UTF-16 surrogate and has no UTF-8 encoding");
        }

        WriteLong(output, length);
        StrictUtf8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }
}
