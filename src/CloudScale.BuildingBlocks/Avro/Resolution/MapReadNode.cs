using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro.Resolution;

internal sealed class MapReadNode(ReadNode values) : ReadNode
{
    public override object? Read(ref AvroBinaryReader reader)
    {
        reader.Enter();
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        var entries = 0;

        // Entries hold at least their key's length byte, so they are never zero-size.
        while (reader.ReadBlockCount(entries, itemsMayBeEmpty: false, out _) is var count and > 0)
        {
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                map[key] = values.Read(ref reader);
            }

            entries += count;
        }

        reader.Exit();
        return map;
    }
}
