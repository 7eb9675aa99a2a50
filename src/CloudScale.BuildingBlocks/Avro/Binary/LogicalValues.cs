using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace CloudScale.BuildingBlocks.Avro.Binary;

/// <summary>Conversions between logical types' .NET values and their underlying Avro values.</summary>
internal static class LogicalValues
{
    public const long TicksPerMilli = TimeSpan.TicksPerMillisecond;
    public const long TicksPerMicro = TimeSpan.TicksPerMicrosecond;

    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    private static readonly BigInteger DecimalMaxMagnitude = (BigInteger.One << 96) - 1;

    public static int ToDays(DateOnly date) => date.DayNumber - EpochDayNumber;

    public static bool TryFromDays(int days, out DateOnly date)
    {
        var dayNumber = (long)days + EpochDayNumber;
        var valid = dayNumber >= DateOnly.MinValue.DayNumber && dayNumber <= DateOnly.MaxValue.DayNumber;
        date = valid ? DateOnly.FromDayNumber((int)dayNumber) : default;
        return valid;
    }

    /// <summary>
    /// Units since the Unix epoch, rounded down (towards the past, also before 1970) to whole units.
    /// Local times are converted to UTC; unspecified ones are taken as UTC.
    /// </summary>
    public static long ToUnixUnits(DateTime value, long ticksPerUnit)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return FloorDivide(utc.Ticks - DateTime.UnixEpoch.Ticks, ticksPerUnit);
    }

    public static bool TryFromUnixUnits(long units, long ticksPerUnit, out DateTime value)
    {
        var minUnits = -((DateTime.UnixEpoch.Ticks - DateTime.MinValue.Ticks) / ticksPerUnit);
        var maxUnits = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / ticksPerUnit;
        var valid = units >= minUnits && units <= maxUnits;
        value = valid ? new DateTime(DateTime.UnixEpoch.Ticks + (units * ticksPerUnit), DateTimeKind.Utc) : default;
        return valid;
    }

    public static long ToTimeUnits(TimeOnly value, long ticksPerUnit) => value.Ticks / ticksPerUnit;

    public static bool TryFromTimeUnits(long units, long ticksPerUnit, out TimeOnly value)
    {
        var valid = units >= 0 && units < TimeSpan.TicksPerDay / ticksPerUnit;
        value = valid ? new TimeOnly(units * ticksPerUnit) : default;
        return valid;
    }

    /// <summary>
    /// The unscaled value as minimal big-endian two's complement (what Java's BigInteger.toByteArray gives),
    /// or null with <paramref name="problem"/> set when the value needs rounding or more than
    /// <paramref name="precision"/> digits.
    /// </summary>
    public static byte[]? TryEncodeDecimal(decimal value, int precision, int scale, out string problem)
    {
        var bits = decimal.GetBits(value);
        var valueScale = (bits[3] >> 16) & 0xFF;
        var unscaled = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | (uint)bits[0];
        if (bits[3] < 0)
        {
            unscaled = -unscaled;
        }

        if (valueScale <= scale)
        {
            unscaled *= BigInteger.Pow(10, scale - valueScale);
        }
        else
        {
            unscaled = BigInteger.DivRem(unscaled, BigInteger.Pow(10, valueScale - scale), out var remainder);
            if (!remainder.IsZero)
            {
                problem = $"decimal {value.ToString(CultureInfo.InvariantCulture)} has more than {scale} fractional digits (scale {scale}); round it first";
                return null;
            }
        }

        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).Length;
        if (digits > precision)
        {
            problem = $"decimal {value.ToString(CultureInfo.InvariantCulture)} needs {digits} digits at scale {scale}, precision is {precision}";
            return null;
        }

        problem = "";
        return unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    /// <summary>Sign-extends a minimal two's complement encoding to a fixed size, or returns null if it does not fit.</summary>
    public static byte[]? SignExtend(byte[] minimal, int size)
    {
        if (minimal.Length > size)
        {
            return null;
        }

        var result = new byte[size];
        result.AsSpan(0, size - minimal.Length).Fill((minimal[0] & 0x80) != 0 ? (byte)0xFF : (byte)0);
        minimal.CopyTo(result, size - minimal.Length);
        return result;
    }

    public static bool TryDecodeDecimal(ReadOnlySpan<byte> twosComplement, int scale, out decimal value)
    {
        var unscaled = new BigInteger(twosComplement, isUnsigned: false, isBigEndian: true);
        var magnitude = BigInteger.Abs(unscaled);
        if (scale > 28 || magnitude > DecimalMaxMagnitude)
        {
            value = default;
            return false;
        }

        Span<byte> bytes = stackalloc byte[12];
        magnitude.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        value = new decimal(
            BinaryPrimitives.ReadInt32LittleEndian(bytes[..4]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[4..8]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
            unscaled.Sign < 0,
            (byte)scale);
        return true;
    }

    private static long FloorDivide(long dividend, long divisor)
    {
        var quotient = dividend / divisor;
        return dividend % divisor < 0 ? quotient - 1 : quotient;
    }
}
