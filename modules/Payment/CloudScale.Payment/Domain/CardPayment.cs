namespace CloudScale.Payment.Domain;

/// <summary>
/// One payment and the rules of its life: PENDING → AUTHORIZED | DECLINED; AUTHORIZED → CAPTURED | VOIDED;
/// PENDING → VOIDED only through a found authorisation; CAPTURED → REFUNDED. Each method checks that the move is
/// allowed, so a caller that forgot to lock and check cannot write a state the gateway never saw.
/// </summary>
internal sealed class CardPayment
{
    private CardPayment()
    {
    }

    public Guid PaymentId { get; private set; }

    public Guid PaymentMethodId { get; private set; }

    public long AmountCents { get; private set; }

    public long RefundedCents { get; private set; }

    public string Currency { get; private set; } = "";

    public PaymentState State { get; private set; }

    /// <summary>The gateway's authorisation reference, known once authorised.</summary>
    public string? GatewayReference { get; private set; }

    public string? DeclineCode { get; private set; }

    /// <summary>What the payment is for (e.g. a checkout session), for people reading the data.</summary>
    public string? Reference { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static CardPayment Start(Guid paymentId, Guid paymentMethodId, long amountCents, string currency, string? reference, DateTime now) =>
        new()
        {
            PaymentId = paymentId,
            PaymentMethodId = paymentMethodId,
            AmountCents = amountCents > 0 ? amountCents : throw new ArgumentOutOfRangeException(nameof(amountCents), amountCents, "must be > 0"),
            Currency = currency,
            State = PaymentState.Pending,
            Reference = reference,
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>True when a repeated authorisation under this payment id asks for something else.</summary>
    public bool DiffersFrom(Guid paymentMethodId, long amountCents, string currency) =>
        PaymentMethodId != paymentMethodId || AmountCents != amountCents || Currency != currency;

    public void Authorize(string gatewayReference, DateTime now)
    {
        Require(PaymentState.Pending);
        GatewayReference = gatewayReference;
        Move(PaymentState.Authorized, now);
    }

    public void Decline(string declineCode, DateTime now)
    {
        Require(PaymentState.Pending);
        DeclineCode = declineCode;
        Move(PaymentState.Declined, now);
    }

    public void Capture(DateTime now)
    {
        Require(PaymentState.Authorized);
        Move(PaymentState.Captured, now);
    }

    public void Void(DateTime now)
    {
        Require(PaymentState.Authorized);
        Move(PaymentState.Voided, now);
    }

    public void Refund(long amountCents, DateTime now)
    {
        Require(PaymentState.Captured);
        if (amountCents < 1 || amountCents > AmountCents)
        {
            throw new ArgumentOutOfRangeException(nameof(amountCents), amountCents, $"must be 1..{AmountCents}");
        }

        RefundedCents = amountCents;
        Move(PaymentState.Refunded, now);
    }

    private void Require(PaymentState expected)
    {
        if (State != expected)
        {
            throw new InvalidOperationException($"Payment {PaymentId} is {State}, not {expected}.");
        }
    }

    private void Move(PaymentState to, DateTime now)
    {
        State = to;
        UpdatedAt = now;
    }
}
