namespace CloudScale.BuildingBlocks.Inbox;

/// <summary>A message a consumer has handled: the proof, committed with the handler's writes, that it must not run again.</summary>
public sealed class InboxMessage
{
    public string Consumer { get; init; } = "";

    public Guid MessageId { get; init; }

    public DateTime ProcessedAt { get; init; }
}
