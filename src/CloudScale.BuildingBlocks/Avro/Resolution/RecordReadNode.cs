using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro.Resolution;

/// <summary>
/// Reads the writer's fields in the writer's order into a record of the reader's schema: matched fields by
/// their plan, unmatched writer fields skipped, reader-only fields from their defaults.
/// </summary>
internal sealed class RecordReadNode(RecordSchema readerSchema) : ReadNode
{
    private WriterField[] _writerFields = [];
    private Field[] _defaulted = [];

    /// <summary>Set when the records cannot be resolved at all, e.g. a reader field without default is missing.</summary>
    public string? Problem { get; set; }

    /// <summary>Filled in after construction: the plan may refer back to this node (recursive records).</summary>
    public void Complete(WriterField[] writerFields, Field[] defaulted)
    {
        _writerFields = writerFields;
        _defaulted = defaulted;
    }

    public override object? Read(ref AvroBinaryReader reader)
    {
        if (Problem is not null)
        {
            throw new AvroResolutionException(Problem);
        }

        reader.Enter();
        var record = new GenericRecord(readerSchema);
        foreach (var field in _writerFields)
        {
            if (field.Plan is null)
            {
                AvroSkipper.Skip(field.WriterSchema, ref reader);
            }
            else
            {
                record[field.ReaderPosition] = field.Plan.Read(ref reader);
            }
        }

        foreach (var field in _defaulted)
        {
            record[field.Position] = field.CreateDefault();
        }

        reader.Exit();
        return record;
    }

    /// <summary>A writer field: its plan and reader position, or no plan when the reader does not want it.</summary>
    internal readonly record struct WriterField(Schema WriterSchema, ReadNode? Plan, int ReaderPosition);
}
