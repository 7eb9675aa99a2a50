using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro.Resolution;

/// <summary>
/// Writer symbol index to reader symbol, resolved by name up front. A writer symbol the reader lacks maps to
/// the reader's default, or to an error raised only if that symbol is actually read.
/// </summary>
internal sealed class EnumReadNode(GenericEnum?[] byWriterIndex, string?[] problems) : ReadNode
{
    public override object? Read(ref AvroBinaryReader reader)
    {
        var start = reader.Position;
        var index = reader.ReadInt();
        if (index < 0 || index >= byWriterIndex.Length)
        {
            throw AvroBinaryReader.Error($"enum index {index} is out of range (the writer enum has {byWriterIndex.Length} symbols)", start);
        }

        return byWriterIndex[index] ?? throw new AvroResolutionException(problems[index]!);
    }
}
