using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro.Resolution;

internal sealed class ArrayReadNode(ReadNode items, bool itemsMayBeEmpty) : ReadNode
{
    public override object? Read(ref AvroBinaryReader reader)
    {
        reader.Enter();
        // Not pre-sized from the announced count: nested hostile counts could reserve far more than the input holds.
        var list = new List<object?>();
        while (reader.ReadBlockCount(list.Count, itemsMayBeEmpty, out _) is var count and > 0)
        {
            for (var i = 0; i < count; i++)
            {
                list.Add(items.Read(ref reader));
            }
        }

        reader.Exit();
        return list;
    }
}
