namespace CloudScale.Payment.Domain;

/// <summary>
/// A card as Payment keeps it: the gateway's token and what a shopper may be shown (brand, last4, expiry). The card
/// number and CVC never reach this type, so they cannot reach the database, a log or an event through it.
/// </summary>
internal sealed class StoredPaymentMethod
{
    private StoredPaymentMethod()
    {
    }

    public Guid PaymentMethodId { get; private set; }

    public string? ShopperId { get; private set; }

    public string GatewayToken { get; private set; } = "";

    public string Brand { get; private set; } = "";

    public string Last4 { get; private set; } = "";

    public int ExpMonth { get; private set; }

    public int ExpYear { get; private set; }

    public string? HolderName { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static StoredPaymentMethod Create(
        string? shopperId, string gatewayToken, string brand, string last4, int expMonth, int expYear, string? holderName, DateTime now) =>
        new()
        {
            PaymentMethodId = Guid.NewGuid(),
            ShopperId = shopperId,
            GatewayToken = gatewayToken,
            Brand = brand,
            Last4 = last4.Length == 4 ? last4 : throw new ArgumentException("last4 must be 4 digits", nameof(last4)),
            ExpMonth = expMonth,
            ExpYear = expYear,
            HolderName = holderName,
            CreatedAt = now,
        };
}
