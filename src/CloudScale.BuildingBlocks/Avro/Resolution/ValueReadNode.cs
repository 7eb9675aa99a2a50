using System.Globalization;
using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro.Resolution;

/// <summary>
/// A primitive or fixed value: read as the writer's type, promoted to the reader's (int to long/float/double,
/// long to float/double, float to double, string and bytes either way), then mapped to the reader's logical type.
/// </summary>
internal sealed class ValueReadNode : ReadNode
{
    private static readonly object True = true;
    private static readonly object False = false;

    private readonly AvroType _writerType;
    private readonly Schema _reader;
    private readonly LogicalTypeKind? _logicalType;

    public ValueReadNode(AvroType writerType, Schema reader)
    {
        _writerType = writerType;
        _reader = reader;
        _logicalType = reader.LogicalType?.Kind;
    }

    public override object? Read(ref AvroBinaryReader reader)
    {
        var start = reader.Position;
        return _reader.Type switch
        {
            AvroType.Null => null,
            AvroType.Boolean => reader.ReadBoolean() ? True : False,
            AvroType.Int => FromInt(reader.ReadInt(), start),
            AvroType.Long => FromLong(_writerType == AvroType.Int ? reader.ReadInt() : reader.ReadLong(), start),
            AvroType.Float => _writerType switch
            {
                AvroType.Int => (float)reader.ReadInt(),
                AvroType.Long => (float)reader.ReadLong(),
                _ => reader.ReadFloat(),
            },
            AvroType.Double => _writerType switch
            {
                AvroType.Int => (double)reader.ReadInt(),
                AvroType.Long => (double)reader.ReadLong(),
                AvroType.Float => (double)reader.ReadFloat(),
                _ => reader.ReadDouble(),
            },
            AvroType.Bytes => FromBytes(reader.ReadBytes(), start),
            AvroType.String => FromString(reader.ReadString(), start),
            _ => FromFixed(reader.ReadFixed(((FixedSchema)_reader).Size), start),
        };
    }

    private object FromInt(int value, int start) => _logicalType switch
    {
        LogicalTypeKind.Date => LogicalValues.TryFromDays(value, out var date) ? date : throw OutOfRange($"date {value} (days since 1970-01-01)", "DateOnly", start),
        LogicalTypeKind.TimeMillis => LogicalValues.TryFromTimeUnits(value, LogicalValues.TicksPerMilli, out var time) ? time : throw OutOfRange($"time-millis {value}", "a day", start),
        _ => value,
    };

    private object FromLong(long value, int start) => _logicalType switch
    {
        LogicalTypeKind.TimestampMillis => LogicalValues.TryFromUnixUnits(value, LogicalValues.TicksPerMilli, out var timestamp)
            ? timestamp
            : throw OutOfRange($"timestamp-millis {value}", "DateTime", start),
        LogicalTypeKind.TimestampMicros => LogicalValues.TryFromUnixUnits(value, LogicalValues.TicksPerMicro, out var timestamp)
            ? timestamp
            : throw OutOfRange($"timestamp-micros {value}", "DateTime", start),
        LogicalTypeKind.TimeMicros => LogicalValues.TryFromTimeUnits(value, LogicalValues.TicksPerMicro, out var time) ? time : throw OutOfRange($"time-micros {value}", "a day", start),
        _ => value,
    };

    private object FromBytes(byte[] value, int start) =>
        _logicalType == LogicalTypeKind.Decimal ? ToDecimal(value, start) : value;

    private object FromString(string value, int start) => _logicalType switch
    {
        LogicalTypeKind.Uuid => Guid.TryParse(value, out var guid) ? guid : throw AvroBinaryReader.Error($"uuid \"{value}\" is not a UUID", start),
        _ => value,
    };

    private object FromFixed(ReadOnlySpan<byte> value, int start) =>
        _logicalType == LogicalTypeKind.Decimal ? ToDecimal(value, start) : new GenericFixed((FixedSchema)_reader, value.ToArray());

    private decimal ToDecimal(ReadOnlySpan<byte> value, int start)
    {
        var decimalType = _reader.LogicalType!;
        return LogicalValues.TryDecodeDecimal(value, decimalType.Scale, out var result)
            ? result
            : throw AvroBinaryReader.Error(
                $"{decimalType} value 0x{Convert.ToHexStringLower(value)} does not fit System.Decimal (at most 28 fraction digits and a 96-bit unscaled value)",
                start);
    }

    private static AvroDecodeException OutOfRange(string value, string range, int start) =>
        AvroBinaryReader.Error(string.Create(CultureInfo.InvariantCulture, $"{value} is outside the range of {range}"), start);
}
