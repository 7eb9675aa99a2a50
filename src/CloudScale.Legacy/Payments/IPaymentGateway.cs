namespace CloudScale.Legacy.Payments;

/// <summary>
/// The card gateway as the monolith sees it: tokenise once, then authorise, capture, void, refund. Calls that move
/// money carry an idempotency key, as real gateways accept: a retry after an unknown outcome (timeout, crash) gets
/// the same authorisation or refund instead of a second one.
/// </summary>
internal interface IPaymentGateway
{
    /// <summary>Vaults the card at the gateway and returns its token; the card number goes no further.</summary>
    string Tokenize(string cardNumber);

    Task<Authorization> AuthorizeAsync(string token, long amountCents, string currency, string idempotencyKey, CancellationToken ct);

    /// <summary>Captures an authorisation; capturing one twice is harmless.</summary>
    Task CaptureAsync(string reference, long amountCents, CancellationToken ct);

    /// <summary>Releases an authorisation that will not be captured.</summary>
    Task VoidAsync(string reference, CancellationToken ct);

    Task RefundAsync(string reference, long amountCents, string idempotencyKey, CancellationToken ct);
}

/// <summary>An authorisation answer: approved with a reference, or declined with the gateway's reason.</summary>
internal sealed record Authorization(bool Approved, string? Reference, string? DeclineCode)
{
    public static Authorization Approve(string reference) => new(true, reference, null);

    public static Authorization Decline(string code) => new(false, null, code);
}

/// <summary>The gateway failed (5xx, timeout): nothing can be said about the payment's outcome from this call.</summary>
internal sealed class PaymentGatewayException(string message) : Exception(message);
