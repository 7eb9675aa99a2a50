namespace CloudScale.Payment.Application.Gateway;

/// <summary>An authorisation answer: approved with a reference, or declined with the gateway's reason.</summary>
internal sealed record GatewayAuthorization(bool Approved, string? Reference, string? DeclineCode)
{
    public static GatewayAuthorization Approve(string reference) => new(true, reference, null);

    public static GatewayAuthorization Decline(string code) => new(false, null, code);
}
