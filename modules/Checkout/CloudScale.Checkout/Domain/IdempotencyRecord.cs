namespace CloudScale.Checkout.Domain;

/// <summary>The answer a completion gave under an Idempotency-Key, replayed to every repeat of that key.</summary>
internal sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    public string Key { get; private set; } = "";

    public Guid CheckoutSessionId { get; private set; }

    /// <summary>The answer exactly as first given (JSON), so a replay is byte for byte the same.</summary>
    public string Answer { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static IdempotencyRecord Store(string key, Guid sessionId, string answer, DateTimeOffset now) =>
        new() { Key = key, CheckoutSessionId = sessionId, Answer = answer, CreatedAt = now };
}
