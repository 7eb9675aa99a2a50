namespace CloudScale.Checkout.Contracts;

/// <summary>Kafka topics Checkout publishes (Avro, key = order id).</summary>
public static class CheckoutTopics
{
    public const string OrderCreated = "checkout.order_created.v1";
}

/// <summary>A confirmed, captured order. <see cref="TraceId"/>/<see cref="SpanId"/> are the W3C ids of the checkout that made it.</summary>
public sealed record OrderCreatedV1(
    Guid EventId,
    Guid OrderId,
    string? ShopperId,
    long TotalCents,
    string Currency,
    IReadOnlyList<OrderCreatedItem> Items,
    DateTimeOffset OccurredAt,
    string? TraceId,
    string? SpanId);

public sealed record OrderCreatedItem(Guid ProductId, int Quantity, long PriceCents);
