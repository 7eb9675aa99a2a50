namespace CloudScale.BuildingBlocks.Avro.Resolution;

internal static class SchemaSizes
{
    /// <summary>
    /// Whether a value can encode to zero bytes: null, fixed(0), and records made only of those. Their counts
    /// in arrays cannot be bounded by the input length (see <see cref="Binary.AvroBinaryReader.MaxZeroSizeItems"/>).
    /// </summary>
    public static bool MayBeEmpty(Schema schema) => MayBeEmpty(schema, []);

    private static bool MayBeEmpty(Schema schema, HashSet<Schema> visiting) => schema switch
    {
        PrimitiveSchema primitive => primitive.Type == AvroType.Null,
        FixedSchema @fixed => @fixed.Size == 0,

        // A record that contains itself cannot be empty all the way down: treat the cycle as non-empty.
        RecordSchema record => visiting.Add(record) && record.Fields.All(f => MayBeEmpty(f.Schema, visiting)),
        _ => false,
    };
}
