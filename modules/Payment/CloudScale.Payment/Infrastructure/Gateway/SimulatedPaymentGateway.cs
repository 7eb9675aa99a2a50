using System.Security.Cryptography;
using System.Text;
using CloudScale.Payment.Application.Gateway;

namespace CloudScale.Payment.Infrastructure.Gateway;

/// <summary>
/// A deterministic stand-in for the card gateway, stateless like a real gateway's test mode: the token it issues
/// carries the card's behaviour, and so does the authorisation reference, which is derived from the idempotency key
/// (a repeated authorisation is the same one). Test cards:
/// 4242424242424242 approves; 4000000000000002 declines (card_declined); 4000000000009995 insufficient_funds;
/// 4000000000000119 fails every authorisation with a gateway error; 4000000000003220 authorises after 2 s;
/// 4000000000000341 authorises but every capture fails with a gateway error; 4000000000000077 authorises but every
/// capture hangs for 30 s. Any other valid card approves.
/// </summary>
internal sealed class SimulatedPaymentGateway : IPaymentGateway
{
    public static readonly TimeSpan SlowAuthorizeDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan HangingCaptureDelay = TimeSpan.FromSeconds(30);

    private const string Approves = "ok";

    private static readonly Dictionary<string, string> BehaviourByCard = new(StringComparer.Ordinal)
    {
        ["4000000000000002"] = "declined",
        ["4000000000009995"] = "nofunds",
        ["4000000000000119"] = "error",
        ["4000000000003220"] = "slow",
        ["4000000000000341"] = "capturefail",
        ["4000000000000077"] = "capturehang",
    };

    public Task<string> TokenizeAsync(string cardNumber, CancellationToken cancellationToken)
    {
        var behaviour = BehaviourByCard.GetValueOrDefault(cardNumber, Approves);
        return Task.FromResult($"tok_sim_{behaviour}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}");
    }

    public async Task<GatewayAuthorization> AuthorizeAsync(
        string token, long amountCents, string currency, string idempotencyKey, CancellationToken cancellationToken)
    {
        var behaviour = BehaviourOf(token, "tok");
        switch (behaviour)
        {
            case "declined":
                return GatewayAuthorization.Decline("card_declined");
            case "nofunds":
                return GatewayAuthorization.Decline("insufficient_funds");
            case "error":
                throw new PaymentGatewayException("The card gateway answered 500 Internal Server Error to an authorisation.");
            case "slow":
                await Task.Delay(SlowAuthorizeDelay, cancellationToken);
                break;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..20];
        return GatewayAuthorization.Approve($"auth_sim_{behaviour}_{hash}");
    }

    public async Task CaptureAsync(string reference, long amountCents, string idempotencyKey, CancellationToken cancellationToken)
    {
        switch (BehaviourOf(reference, "auth"))
        {
            case "capturefail":
                throw new PaymentGatewayException("The card gateway answered 502 Bad Gateway to a capture.");
            case "capturehang":
                await Task.Delay(HangingCaptureDelay, cancellationToken);
                break;
        }
    }

    public Task VoidAsync(string reference, string idempotencyKey, CancellationToken cancellationToken)
    {
        BehaviourOf(reference, "auth");
        return Task.CompletedTask;
    }

    public Task RefundAsync(string reference, long amountCents, string idempotencyKey, CancellationToken cancellationToken)
    {
        BehaviourOf(reference, "auth");
        return Task.CompletedTask;
    }

    private static string BehaviourOf(string tokenOrReference, string prefix)
    {
        var parts = tokenOrReference.Split('_');
        return parts.Length == 4 && parts[0] == prefix && parts[1] == "sim"
            ? parts[2]
            : throw new PaymentGatewayException($"The card gateway does not know this {(prefix == "tok" ? "token" : "authorisation")}.");
    }
}
