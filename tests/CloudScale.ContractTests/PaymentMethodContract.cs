using System.Net;
using CloudScale.ContractTests.Targets;

namespace CloudScale.ContractTests;

public abstract class PaymentMethodContract(ShopperApiTarget target)
{
    [Theory]
    [InlineData("4242 4242 4242 4242", "visa", "4242")]
    [InlineData("5555-5555-5555-4444", "mastercard", "4444")]
    public async Task A_card_is_stored_as_brand_and_last4_only(string cardNumber, string brand, string last4)
    {
        var response = await target.NewShopper().PostJsonAsync("/api/v1/payment-methods", new
        {
            cardNumber, expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123", holderName = "Ada Lovelace",
        });

        response.Expect(HttpStatusCode.Created);
        Assert.Equal(brand, response.Str("brand"));
        Assert.Equal(last4, response.Str("last4"));
        Assert.Equal(["paymentMethodId", "brand", "last4"], response.Json!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain(cardNumber.Replace(" ", "").Replace("-", ""), response.Body);
    }

    [Theory]
    [InlineData("4242424242424241", 12, 1, "123", "Ada", "cardNumber")]
    [InlineData("4242424242424242", 13, 1, "123", "Ada", "expMonth")]
    [InlineData("4242424242424242", 1, -1, "123", "Ada", "expYear")]
    [InlineData("4242424242424242", 12, 1, "12", "Ada", "cvc")]
    [InlineData("4242424242424242", 12, 1, "123", "", "holderName")]
    public async Task Each_bad_field_is_named_and_the_card_number_is_never_echoed(string cardNumber, int expMonth, int yearsAhead, string cvc, string holderName, string field)
    {
        var response = await target.NewShopper().PostJsonAsync("/api/v1/payment-methods", new
        {
            cardNumber, expMonth, expYear = DateTime.UtcNow.Year + yearsAhead, cvc, holderName,
        });

        response.ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], response.Json!["errors"]!.AsObject().Select(e => e.Key));
        Assert.DoesNotContain(cardNumber, response.Body);
    }
}

[Collection(LegacyCollection.Name)]
public sealed class LegacyPaymentMethodContract(LegacyTarget target) : PaymentMethodContract(target);

[Collection(ModularCollection.Name)]
public sealed class ModularPaymentMethodContract(ModularTarget target) : PaymentMethodContract(target);
