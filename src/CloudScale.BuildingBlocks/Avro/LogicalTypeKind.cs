namespace CloudScale.BuildingBlocks.Avro;

/// <summary>The logical types this codec maps to .NET types (see <see cref="LogicalType"/>).</summary>
public enum LogicalTypeKind
{
    /// <summary><c>decimal</c> on bytes or fixed, read and written as <see cref="decimal"/>.</summary>
    Decimal,

    /// <summary><c>uuid</c> on string, as <see cref="Guid"/>.</summary>
    Uuid,

    /// <summary><c>date</c> on int (days since 1970-01-01), as <see cref="DateOnly"/>.</summary>
    Date,

    /// <summary><c>time-millis</c> on int, as <see cref="TimeOnly"/> truncated to the millisecond.</summary>
    TimeMillis,

    /// <summary><c>time-micros</c> on long, as <see cref="TimeOnly"/> truncated to the microsecond.</summary>
    TimeMicros,

    /// <summary><c>timestamp-millis</c> on long, as UTC <see cref="DateTime"/> truncated to the millisecond.</summary>
    TimestampMillis,

    /// <summary><c>timestamp-micros</c> on long, as UTC <see cref="DateTime"/> truncated to the microsecond.</summary>
    TimestampMicros,
}
