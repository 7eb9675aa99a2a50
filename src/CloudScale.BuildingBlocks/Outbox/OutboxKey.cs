namespace CloudScale.BuildingBlocks.Outbox;

/// <summary>The last ordinal given out for a key. Its row lock orders concurrent writers of one key by commit.</summary>
internal sealed class OutboxKey
{
    public string Key { get; init; } = "";

    public long LastOrdinal { get; init; }
}
