using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro.Resolution;

/// <summary>A writer union: the encoded branch index picks the plan for that branch.</summary>
internal sealed class UnionReadNode(ReadNode[] branches) : ReadNode
{
    public override object? Read(ref AvroBinaryReader reader)
    {
        var start = reader.Position;
        var index = reader.ReadInt();
        if (index < 0 || index >= branches.Length)
        {
            throw AvroBinaryReader.Error($"union branch index {index} is out of range (the union has {branches.Length} branches)", start);
        }

        reader.Enter();
        var value = branches[index].Read(ref reader);
        reader.Exit();
        return value;
    }
}
