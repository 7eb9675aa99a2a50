namespace CloudScale.Payment.Contracts;

/// <summary>Kafka topics Payment publishes (Avro, key = payment id). Events carry no card data beyond brand and last4.</summary>
public static class PaymentTopics
{
    public const string Authorized = "payment.authorized.v1";
    public const string Captured = "payment.captured.v1";
    public const string Refunded = "payment.refunded.v1";
    public const string Failed = "payment.failed.v1";
}

public sealed record PaymentAuthorizedV1(Guid EventId, Guid PaymentId, long AmountCents, string Currency, DateTimeOffset OccurredAt);

public sealed record PaymentCapturedV1(Guid EventId, Guid PaymentId, long AmountCents, string Currency, DateTimeOffset OccurredAt);

public sealed record PaymentRefundedV1(Guid EventId, Guid PaymentId, long RefundedCents, string Currency, DateTimeOffset OccurredAt);

/// <param name="Reason">The decline code, or <c>gateway_error</c>.</param>
public sealed record PaymentFailedV1(Guid EventId, Guid PaymentId, string Reason, DateTimeOffset OccurredAt);
