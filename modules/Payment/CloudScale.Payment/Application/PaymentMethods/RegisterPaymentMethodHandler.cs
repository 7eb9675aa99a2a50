using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Payment.Application.Gateway;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Domain;
using CloudScale.Payment.Infrastructure;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CloudScale.Payment.Application.PaymentMethods;

internal sealed class RegisterPaymentMethodHandler(
    PaymentDbContext db, IPaymentGateway gateway, TimeProvider clock, ILogger<RegisterPaymentMethodHandler> logger)
    : IRequestHandler<RegisterPaymentMethodRequest, PaymentMethod>
{
    public async Task<PaymentMethod> Handle(RegisterPaymentMethodRequest request, CancellationToken cancellationToken)
    {
        var card = request.Card;
        // Validated already (ValidationBehaviour): digits pass Luhn, expiry and holder name are present.
        var digits = CardNumber.Normalize(card.CardNumber)!;
        string token;
        try
        {
            token = await gateway.TokenizeAsync(digits, cancellationToken);
        }
        catch (PaymentGatewayException ex)
        {
            logger.LogWarning("Tokenising a card failed: {Reason}", ex.Message);
            throw new ApiException(502, PaymentProblems.PaymentGatewayError,
                "The card gateway failed and the card was not stored; try again.");
        }

        var method = StoredPaymentMethod.Create(card.ShopperId is { Length: > 0 } shopper ? shopper : null, token,
            CardNumber.Brand(digits), digits[^4..], card.ExpMonth!.Value, card.ExpYear!.Value, card.HolderName, clock.GetUtcNow().UtcDateTime);
        db.Add(method);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Registered payment method {PaymentMethodId} ({Brand} ending {Last4})", method.PaymentMethodId, method.Brand, method.Last4);
        return PaymentMethods.ToContract(method);
    }
}
