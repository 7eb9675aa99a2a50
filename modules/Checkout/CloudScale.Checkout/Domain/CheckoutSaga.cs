namespace CloudScale.Checkout.Domain;

/// <summary>
/// One completion attempt of a checkout session. The ids of everything it will create elsewhere (the stock
/// reservation, the payment) and of its order are chosen up front and stored before any call, so every step can be
/// repeated (the other modules are idempotent under those ids) or undone after a crash.
/// </summary>
internal sealed class CheckoutSaga
{
    private CheckoutSaga()
    {
    }

    public Guid Id { get; private set; }

    public Guid CheckoutSessionId { get; private set; }

    public string IdempotencyKey { get; private set; } = "";

    public Guid ReservationId { get; private set; }

    public Guid PaymentId { get; private set; }

    public Guid OrderId { get; private set; }

    public string Step { get; private set; } = SagaStep.Reserve;

    public string Status { get; private set; } = SagaStatus.Running;

    /// <summary>The correlation id of the request that started it; its answer carries it, so a replay is identical.</summary>
    public string? CorrelationId { get; private set; }

    /// <summary>W3C ids of the trace that started it, carried into its event even when recovery finishes it.</summary>
    public string? TraceId { get; private set; }

    public string? SpanId { get; private set; }

    /// <summary>Failed recovery passes so far, with the last one's error, for people watching stuck sagas.</summary>
    public int RecoveryAttempts { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsRunning => Status == SagaStatus.Running;

    public static CheckoutSaga Start(Guid sessionId, string idempotencyKey, string? correlationId, string? traceId, string? spanId, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        CheckoutSessionId = sessionId,
        IdempotencyKey = idempotencyKey,
        ReservationId = Guid.NewGuid(),
        PaymentId = Guid.NewGuid(),
        OrderId = Guid.NewGuid(),
        Step = SagaStep.Reserve,
        Status = SagaStatus.Running,
        CorrelationId = correlationId,
        TraceId = traceId,
        SpanId = spanId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void MoveTo(string step, DateTimeOffset now)
    {
        Step = step;
        UpdatedAt = now;
    }

    public void Finish(string status, DateTimeOffset now)
    {
        Status = status;
        Step = SagaStep.Done;
        LastError = null;
        UpdatedAt = now;
    }
}
