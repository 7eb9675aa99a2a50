using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro.Resolution;

/// <summary>
/// Data the reader cannot resolve. Reached only when such data actually arrives (e.g. a writer union
/// branch the reader has no match for); incompatibilities that hit every value fail when the plan is built.
/// </summary>
internal sealed class FailingReadNode(string problem) : ReadNode
{
    public override object? Read(ref AvroBinaryReader reader) => throw new AvroResolutionException(problem);
}
