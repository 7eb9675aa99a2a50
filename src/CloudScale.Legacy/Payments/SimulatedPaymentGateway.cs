using System.Security.Cryptography;
using System.Text;

namespace CloudScale.Legacy.Payments;

/// <summary>
/// A deterministic stand-in for the card gateway. The test cards behave as the design fixes:
/// 4242424242424242 approves, 4000000000000002 declines, 4000000000009995 has insufficient funds,
/// 4000000000000119 fails with a gateway error, 4000000000003220 approves after 2 s; any other valid card
/// approves. Like a real gateway's test mode, the token it issues carries the card's behaviour, so the outcome
/// survives restarts without a vault. An authorisation's reference is derived from its idempotency key, so a retried
/// authorisation is the same one, as at a real gateway.
/// </summary>
internal sealed class SimulatedPaymentGateway : IPaymentGateway
{
    public static readonly TimeSpan SlowCardDelay = TimeSpan.FromSeconds(2);

    private static readonly Dictionary<string, string> BehaviourByCard = new(StringComparer.Ordinal)
    {
        ["4000000000000002"] = "declined",
        ["4000000000009995"] = "nofunds",
        ["4000000000000119"] = "error",
        ["4000000000003220"] = "slow",
    };

    public string Tokenize(string cardNumber)
    {
        var behaviour = BehaviourByCard.GetValueOrDefault(cardNumber, "ok");
        return $"tok_sim_{behaviour}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
    }

    public async Task<Authorization> AuthorizeAsync(string token, long amountCents, string currency, string idempotencyKey, CancellationToken ct)
    {
        switch (BehaviourOf(token))
        {
            case "declined":
                return Authorization.Decline("card_declined");
            case "nofunds":
                return Authorization.Decline("insufficient_funds");
            case "error":
                throw new PaymentGatewayException("The card gateway answered 500 Internal Server Error.");
            case "slow":
                await Task.Delay(SlowCardDelay, ct);
                break;
        }

        return Authorization.Approve($"auth_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..20]}");
    }

    public Task CaptureAsync(string reference, long amountCents, CancellationToken ct) => Task.CompletedTask;

    public Task VoidAsync(string reference, CancellationToken ct) => Task.CompletedTask;

    public Task RefundAsync(string reference, long amountCents, string idempotencyKey, CancellationToken ct) => Task.CompletedTask;

    private static string BehaviourOf(string token)
    {
        var parts = token.Split('_');
        return parts is ["tok", "sim", var behaviour, _] ? behaviour : throw new PaymentGatewayException($"Unknown token '{token}'.");
    }
}
