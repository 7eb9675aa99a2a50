using CloudScale.BuildingBlocks.Avro.Resolution;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// Whether data written with one schema can be read with another, by the same rules
/// <see cref="AvroDatumReader"/> resolves with. Confluent's compatibility levels map onto it: BACKWARD is
/// <c>CheckCanRead(reader: new, writer: latest)</c>, FORWARD swaps them, FULL checks both.
/// </summary>
public static class SchemaCompatibility
{
    /// <summary>
    /// Every problem found, including ones that only some values would hit (a writer enum symbol or union
    /// branch the reader cannot take): registries must refuse those too.
    /// </summary>
    public static SchemaCompatibilityResult CheckCanRead(Schema reader, Schema writer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        return new SchemaCompatibilityResult(SchemaResolver.FindIncompatibilities(writer, reader));
    }
}
