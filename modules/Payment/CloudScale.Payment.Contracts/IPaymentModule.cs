namespace CloudScale.Payment.Contracts;

/// <summary>
/// What the rest of the system may ask of Payment. Card numbers and CVCs enter only through
/// <see cref="RegisterPaymentMethodAsync"/> and never leave it: Payment keeps the gateway token, brand, last4 and
/// expiry. Money-moving calls are idempotent under the caller-chosen payment id, so a saga may repeat them after a
/// timeout or a crash. Invalid requests are thrown as <c>validation_failed</c> problems, unknown ids as 404 problems;
/// gateway outcomes (declined, gateway down) are results.
/// </summary>
public interface IPaymentModule
{
    Task<PaymentMethod> RegisterPaymentMethodAsync(RegisterPaymentMethod request, CancellationToken cancellationToken);

    /// <summary>The stored method, or null when there is none with that id.</summary>
    Task<PaymentMethod?> FindPaymentMethodAsync(Guid paymentMethodId, CancellationToken cancellationToken);

    /// <summary>
    /// Places a hold on the card. Repeating a payment id returns the first outcome; a payment whose earlier attempt
    /// ended in <see cref="PaymentOutcome.GatewayError"/> asks the gateway again under the same key (no second hold).
    /// </summary>
    Task<PaymentResult> AuthorizeAsync(AuthorizePayment request, CancellationToken cancellationToken);

    /// <summary>Takes the authorised money; capturing twice is a no-op.</summary>
    Task<PaymentResult> CaptureAsync(Guid paymentId, CancellationToken cancellationToken);

    /// <summary>
    /// Releases a hold that will not be captured. Safe for a payment whose authorisation outcome is unknown (the
    /// process died mid-call): the hold is looked up at the gateway by its key and released. Unknown ids are a no-op.
    /// </summary>
    Task<PaymentResult> VoidAsync(Guid paymentId, CancellationToken cancellationToken);

    /// <summary>Gives back captured money (all of it when <paramref name="amountCents"/> is null); idempotent per payment.</summary>
    Task<PaymentResult> RefundAsync(Guid paymentId, long? amountCents, CancellationToken cancellationToken);

    /// <summary>The payment, or null when there is none with that id.</summary>
    Task<PaymentDetails?> FindPaymentAsync(Guid paymentId, CancellationToken cancellationToken);
}

/// <summary>Exactly what a shopper typed; Payment validates it (Luhn, expiry, CVC) and keeps none of the secrets.</summary>
public sealed record RegisterPaymentMethod(string? ShopperId, string? CardNumber, int? ExpMonth, int? ExpYear, string? Cvc, string? HolderName)
{
    /// <summary>Never prints the card number or CVC (a record's generated ToString would, into any log that formats it).</summary>
    public override string ToString() => $"RegisterPaymentMethod {{ ShopperId = {ShopperId}, ExpMonth = {ExpMonth}, ExpYear = {ExpYear} }}";
}

public sealed record PaymentMethod(Guid PaymentMethodId, string? ShopperId, string Brand, string Last4, int ExpMonth, int ExpYear);

/// <param name="PaymentId">Chosen by the caller; the idempotency key of every later call for this payment.</param>
/// <param name="Reference">What the payment is for (e.g. a checkout session), for people reading the data.</param>
public sealed record AuthorizePayment(Guid PaymentId, Guid PaymentMethodId, long AmountCents, string Currency, string? Reference = null);

public enum PaymentOutcome
{
    /// <summary>The call did what was asked (authorised, captured, voided or refunded).</summary>
    Succeeded,

    /// <summary>The gateway refused the card; see <see cref="PaymentResult.DeclineCode"/>.</summary>
    Declined,

    /// <summary>The gateway failed or did not answer after the safe retries; the payment's state is unchanged.</summary>
    GatewayError,
}

/// <param name="DeclineCode">The gateway's reason when declined, e.g. <c>card_declined</c>, <c>insufficient_funds</c>.</param>
public sealed record PaymentResult(Guid PaymentId, PaymentOutcome Outcome, PaymentStatus Status, string? DeclineCode = null)
{
    public bool Succeeded => Outcome == PaymentOutcome.Succeeded;
}

public enum PaymentStatus
{
    /// <summary>No such payment.</summary>
    Unknown,

    /// <summary>Asked of the gateway, answer not recorded (in flight, or the process died).</summary>
    Pending,
    Authorized,
    Captured,
    Declined,
    Voided,
    Refunded,
}

public sealed record PaymentDetails(
    Guid PaymentId, Guid PaymentMethodId, PaymentStatus Status, string Brand, string Last4, long AmountCents, long RefundedCents,
    string Currency, string? DeclineCode);
