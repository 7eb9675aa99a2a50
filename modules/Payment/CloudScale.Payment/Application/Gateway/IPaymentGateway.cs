namespace CloudScale.Payment.Application.Gateway;

/// <summary>
/// The card gateway as Payment sees it: tokenise once, then authorise, capture, void, refund. Every call that moves
/// money carries an idempotency key, as real gateways accept, so repeating it (after a timeout, a crash, or from a
/// second concurrent caller) yields the same authorisation, capture, void or refund, never a second one.
/// Failures (5xx, timeouts, an open circuit) are thrown as <see cref="PaymentGatewayException"/>.
/// </summary>
internal interface IPaymentGateway
{
    /// <summary>Vaults the card at the gateway and returns its token; the card number goes no further. Not keyed.</summary>
    Task<string> TokenizeAsync(string cardNumber, CancellationToken cancellationToken);

    Task<GatewayAuthorization> AuthorizeAsync(string token, long amountCents, string currency, string idempotencyKey, CancellationToken cancellationToken);

    Task CaptureAsync(string reference, long amountCents, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Releases an authorisation that will not be captured.</summary>
    Task VoidAsync(string reference, string idempotencyKey, CancellationToken cancellationToken);

    Task RefundAsync(string reference, long amountCents, string idempotencyKey, CancellationToken cancellationToken);
}
