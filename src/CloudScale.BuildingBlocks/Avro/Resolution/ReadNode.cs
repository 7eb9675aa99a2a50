using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro.Resolution;

/// <summary>
/// One step of a read plan: how to read what the writer schema wrote as what the reader schema wants.
/// <see cref="SchemaResolver"/> builds the tree once per (writer, reader) pair; reading only walks it.
/// </summary>
internal abstract class ReadNode
{
    public abstract object? Read(ref AvroBinaryReader reader);
}
