using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.ShopperApi;

namespace CloudScale.Payment.Application.PaymentMethods;

/// <summary>The legacy monolith's rules and messages. No message echoes the card number or the CVC.</summary>
internal sealed class RegisterPaymentMethodValidator(TimeProvider clock) : IValidator<RegisterPaymentMethodRequest>
{
    /// <summary>The shopper id arrives in this header (the host passes it on); errors name it as legacy does.</summary>
    public const string ShopperIdField = ShopperId.HeaderName;

    public void Validate(RegisterPaymentMethodRequest request, FieldErrors errors)
    {
        var card = request.Card;
        var digits = CardNumber.Normalize(card.CardNumber);
        errors.Check(digits is { Length: >= 12 and <= 19 } && CardNumber.PassesLuhn(digits), "cardNumber",
            "cardNumber must be 12..19 digits that pass the Luhn check");
        errors.Check(card.ExpMonth is >= 1 and <= 12, "expMonth", $"expMonth must be 1..12, got {card.ExpMonth?.ToString() ?? "nothing"}");
        var now = clock.GetUtcNow();
        errors.Check(card.ExpYear is not null && card.ExpYear <= now.Year + 20, "expYear",
            $"expYear must be a four-digit year at most {now.Year + 20}, got {card.ExpYear?.ToString() ?? "nothing"}");
        if (card.ExpMonth is >= 1 and <= 12 && card.ExpYear is { } expYear)
        {
            errors.Check((expYear, card.ExpMonth.Value).CompareTo((now.Year, now.Month)) >= 0, "expYear", "the card has expired");
        }

        errors.Check(card.Cvc is { Length: 3 or 4 } cvc && cvc.All(char.IsAsciiDigit), "cvc", "cvc must be 3 or 4 digits");
        errors.Check(FreeText.IsValid(card.HolderName, 100), "holderName", "holderName must be 1..100 characters, without control characters");
        if (!string.IsNullOrEmpty(card.ShopperId))
        {
            errors.Check(ShopperId.IsValid(card.ShopperId), ShopperIdField, $"{ShopperIdField} must be {ShopperId.Rule}");
        }
    }
}
